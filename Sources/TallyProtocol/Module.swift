public enum TallyProtocolModule {}

public enum TallyCommandLineModule {}

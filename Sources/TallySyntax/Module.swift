public enum TallySyntaxModule {}

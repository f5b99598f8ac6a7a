import TallyAnalysis

/// The benchmark's inputs come from the same seeded generator as the synthetic gazetteer.
typealias BenchRandom = SplitMix64

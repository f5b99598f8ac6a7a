import Testing
@testable import TallyAnalysis

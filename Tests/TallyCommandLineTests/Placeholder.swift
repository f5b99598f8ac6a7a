import Testing
@testable import TallyCommandLine

import Testing
@testable import TallyProtocol

import Testing
@testable import TallySyntax

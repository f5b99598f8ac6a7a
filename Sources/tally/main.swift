import Foundation
import TallyCommandLine

exit(TallyCommand.run(Array(CommandLine.arguments.dropFirst())))

// libFuzzer target: Content-Length framing, JSON-RPC decoding and the
// language server's dispatcher, fed a byte stream of framed messages.
// Built by Tests/Tools/fuzz.sh (with -enable-testing), not by SwiftPM.
import Foundation
import Glibc
@testable import TallyProtocol
import TallySyntax

/// Where the server's responses go: one descriptor for the whole run, so a
/// late write from a finished server can never land in another input's file.
let sink: Int32 = open("/dev/null", O_WRONLY)

/// A feature handler like the real ones: reads a document position.
let positionHandler: LanguageServer.RequestHandler = { params, context in
    let (document, position, offset) = try context.textDocumentPosition(params)
    precondition(offset >= 0 && offset <= document.bytes.count, "position mapped outside the document")
    let back = document.position(of: offset, encoding: context.positionEncoding)
    return ["line": .int(Int64(back.line)), "character": .int(Int64(back.character)), "asked": .int(Int64(position.line))]
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = size == 0 ? [] : Array(UnsafeBufferPointer(start: data, count: size))

    // 1. The reader API alone, with a small size limit so that the
    //    too-large path is reached too.
    let reader = MessageReader(bytes: bytes, maximumMessageSize: 512)
    var messages = 0
    while messages < 10_000 {
        do {
            guard let body = try reader.readMessage() else { break }
            precondition(body.count <= 512, "body over the limit")
            if let message = try? JSONRPCMessage.decode(body) {
                // What was decoded encodes to a message that decodes the same.
                precondition((try? JSONRPCMessage.decode(message.encoded())) == message, "message round trip")
            }
        } catch {
            if error.isFatal { break }
        }
        messages += 1
    }
    precondition(messages < 10_000, "the reader does not advance")

    // 2. The server core, reading the same bytes from a file descriptor.
    var template = Array("/tmp/tally-fuzz-XXXXXX".utf8CString)
    let input = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
    precondition(input >= 0)
    template.withUnsafeBufferPointer { _ = unlink($0.baseAddress!) }
    defer { close(input) }
    var written = 0
    while written < bytes.count {
        let n = bytes.withUnsafeBytes { write(input, $0.baseAddress! + written, bytes.count - written) }
        precondition(n > 0)
        written += n
    }
    lseek(input, 0, SEEK_SET)
    let server = LanguageServer(input: input, output: sink,
                                options: .init(logLevel: .error, parentProcessPollInterval: 60, logFileDescriptor: nil))
    server.onRequest("textDocument/hover", capability: ServerCapability("hoverProvider", value: true), positionHandler)
    server.onRequest("textDocument/definition", execution: HandlerExecution.concurrent, positionHandler)
    server.onDocumentChange { change, _ in
        // Parse what the edits produced and map every diagnostic to LSP
        // positions and back, as publishing diagnostics does. (The full
        // analysis is the parser target's job.)
        guard let document = change.document else { return }
        let tree = SyntaxTree.parse(bytes: document.bytes)
        for d in tree.diagnostics {
            for encoding in [PositionEncoding.utf8, .utf16, .utf32] {
                let range = document.range(of: d.range, encoding: encoding)
                let back = document.byteRange(of: range, encoding: encoding)
                precondition(back.upperBound <= document.bytes.count, "range mapped outside the document")
            }
        }
    }
    _ = server.run()
    precondition(server.waitForReader(timeout: 10), "the reader thread did not finish")
    return 0
}

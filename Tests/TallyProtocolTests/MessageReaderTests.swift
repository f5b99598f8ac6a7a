import Foundation
import Testing
@testable import TallyProtocol

@Suite struct MessageReaderTests {
    private func bytes(_ s: String) -> [UInt8] { Array(s.utf8) }

    /// Reads until the end, recording bodies as strings and errors.
    private func readAll(_ input: [UInt8], limit: Int = MessageReader.maximumMessageSize) -> [String] {
        let reader = MessageReader(bytes: input, maximumMessageSize: limit)
        var out: [String] = []
        while true {
            do {
                guard let body = try reader.readMessage() else { return out }
                out.append(String(decoding: body, as: UTF8.self))
            } catch {
                out.append("error: \(error)")
                if error.isFatal { return out }
            }
        }
    }

    @Test func readsConsecutiveMessages() {
        let input = bytes("Content-Length: 2\r\n\r\n{}Content-Length: 7\r\n\r\n[1,2,3]")
        #expect(readAll(input) == ["{}", "[1,2,3]"])
    }

    @Test func headerNamesAreCaseInsensitiveAndContentTypeIsIgnored() {
        let input = bytes("content-type: application/vscode-jsonrpc; charset=utf-8\r\nCONTENT-LENGTH:  4 \r\n\r\nnull")
        #expect(readAll(input) == ["null"])
    }

    @Test func toleratesBareLineFeeds() {
        #expect(readAll(bytes("Content-Length: 1\n\n1")) == ["1"])
    }

    @Test func multiByteBodyIsCountedInBytes() {
        let body = "\"é😀\""
        let input = bytes("Content-Length: \(body.utf8.count)\r\n\r\n\(body)")
        #expect(readAll(input) == [body])
    }

    @Test func missingContentLengthIsReportedThenResynchronised() {
        let input = bytes("Content-Type: x\r\n\r\n{\"a\":1}Content-Length: 2\r\n\r\n[]")
        #expect(readAll(input) == ["error: \(FramingError.missingContentLength)", "[]"])
    }

    @Test func invalidContentLengthIsReported() {
        let input = bytes("Content-Length: abc\r\n\r\n{}Content-Length: 2\r\n\r\n[]")
        #expect(readAll(input) == ["error: \(FramingError.invalidContentLength("abc"))", "[]"])
        let negative = bytes("Content-Length: -5\r\n\r\n{}")
        #expect(readAll(negative) == ["error: \(FramingError.invalidContentLength("-5"))"])
        let conflicting = bytes("Content-Length: 2\r\nContent-Length: 3\r\n\r\n{}")
        #expect(readAll(conflicting).first == "error: \(FramingError.invalidContentLength("2, 3"))")
    }

    @Test func tooShortLengthLeavesGarbageThatIsSkipped() {
        // The first body is cut short; its tail is not a header, so the
        // reader reports it and finds the next message.
        let input = bytes("Content-Length: 5\r\n\r\n{\"a\":1}Content-Length: 2\r\n\r\n{}")
        let result = readAll(input)
        #expect(result.first == "{\"a\":")
        #expect(result.last == "{}")
        #expect(result.count == 3)
        #expect(result[1].hasPrefix("error: malformed header line"))
    }

    @Test func headerWithoutBodyIsUnexpectedEnd() {
        #expect(readAll(bytes("Content-Length: 10\r\n\r\n{}")) == ["error: \(FramingError.unexpectedEndOfInput(inBody: true))"])
        #expect(readAll(bytes("Content-Length: 10\r\n")) == ["error: \(FramingError.unexpectedEndOfInput(inBody: false))"])
        #expect(readAll(bytes("")) == [])
    }

    @Test func oversizedBodyIsSkippedAndReported() {
        let big = String(repeating: "x", count: 300_000)
        let input = bytes("Content-Length: 300000\r\n\r\n\(big)Content-Length: 4\r\n\r\ntrue")
        #expect(readAll(input, limit: 1000) == [
            "error: \(FramingError.messageTooLarge(length: 300_000, limit: 1000))", "true",
        ])
    }

    @Test func endlessHeaderIsCutOff() {
        let input = bytes("X-Junk: " + String(repeating: "y", count: 20_000) + "\r\nContent-Length: 1\r\n\r\n7")
        #expect(readAll(input) == ["error: \(FramingError.headerTooLarge(limit: MessageReader.maximumHeaderSize))", "7"])
    }

    @Test func readsFromAPipeAcrossManySmallWrites() throws {
        var fds: [Int32] = [0, 0]
        #expect(pipe(&fds) == 0)
        let body = "{\"text\":\"" + String(repeating: "abcdé", count: 40_000) + "\"}"
        let framed = MessageWriter.frame(Array(body.utf8)) + MessageWriter.frame(Array("1".utf8))
        let writeEnd = fds[1]
        let writer = Thread {
            var offset = 0
            framed.withUnsafeBytes { raw in
                while offset < raw.count {
                    let n = write(writeEnd, raw.baseAddress! + offset, min(7_777, raw.count - offset))
                    if n <= 0 { break }
                    offset += n
                }
            }
            close(writeEnd)
        }
        writer.start()
        let reader = MessageReader(fileDescriptor: fds[0])
        let first = try reader.readMessage()
        let second = try reader.readMessage()
        let third = try reader.readMessage()
        close(fds[0])
        #expect(first.map { String(decoding: $0, as: UTF8.self) } == body)
        #expect(second == Array("1".utf8))
        #expect(third == nil)
    }
}

import Foundation
import Testing
@testable import TallyProtocol

@Suite struct MessageWriterTests {
    @Test func framesWithByteLength() {
        let framed = MessageWriter.frame(Array("\"é\"".utf8))
        #expect(String(decoding: framed, as: UTF8.self) == "Content-Length: 4\r\n\r\n\"é\"")
    }

    @Test func concurrentWritesNeverInterleave() throws {
        var fds: [Int32] = [0, 0]
        #expect(pipe(&fds) == 0)
        let writeEnd = fds[1]
        let writer = MessageWriter(fileDescriptor: writeEnd)
        let threads = 4
        let perThread = 50
        // Bodies larger than a pipe's atomic-write size.
        let payload = String(repeating: "z", count: 10_000)
        DispatchQueue.global().async {
            DispatchQueue.concurrentPerform(iterations: threads) { t in
                for k in 0..<perThread {
                    try? writer.write(["t": .int(Int64(t)), "k": .int(Int64(k)), "p": .string(payload)])
                }
            }
            close(writeEnd)
        }
        let reader = MessageReader(fileDescriptor: fds[0])
        var seen: [Int: [Int]] = [:]
        while let body = try reader.readMessage() {
            let v = try JSONParser.parse(body)
            #expect(v["p"]?.string == payload)
            seen[v["t"]?.int ?? -1, default: []].append(v["k"]?.int ?? -1)
        }
        close(fds[0])
        #expect(seen.count == threads)
        for (_, ks) in seen { #expect(ks == Array(0..<perThread)) }
    }

    @Test func writeToClosedPipeFailsAndStaysFailed() {
        signal(SIGPIPE, SIG_IGN)
        var fds: [Int32] = [0, 0]
        #expect(pipe(&fds) == 0)
        close(fds[0])
        let writer = MessageWriter(fileDescriptor: fds[1])
        #expect(throws: MessageWriter.WriteError.self) { try writer.write(.null) }
        #expect(throws: MessageWriter.WriteError(errno: EPIPE)) { try writer.write(.null) }
        close(fds[1])
    }
}

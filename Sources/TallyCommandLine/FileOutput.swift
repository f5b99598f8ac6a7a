import Foundation

/// Raw bytes to standard output (for `strip`, which must not re-encode anything).
enum FileOutput {
    static func writeStdout(_ bytes: [UInt8]) {
        var done = 0
        while done < bytes.count {
            let n = bytes.withUnsafeBytes { Foundation.write(1, $0.baseAddress! + done, bytes.count - done) }
            if n < 0 { if errno == EINTR { continue }; return }
            done += n
        }
    }
}

// libFuzzer target: the JSON parser, and the serializer on what it accepts.
// Built by Tests/Tools/fuzz.sh, not by SwiftPM.
import TallyProtocol

/// Equality where numbers compare by value: the serializer may write the
/// double 2.0 as `2`, which parses back as the integer 2 (the same JSON number).
func sameJSON(_ a: JSONValue, _ b: JSONValue) -> Bool {
    switch (a, b) {
    case (.int(let x), .double(let y)), (.double(let y), .int(let x)):
        return Double(x) == y
    case (.array(let xs), .array(let ys)):
        return xs.count == ys.count && zip(xs, ys).allSatisfy { sameJSON($0, $1) }
    case (.object(let xs), .object(let ys)):
        let xm = xs.members, ym = ys.members
        return xm.count == ym.count && zip(xm, ym).allSatisfy { $0.0 == $1.0 && sameJSON($0.1, $1.1) }
    default:
        return a == b
    }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = size == 0 ? [] : Array(UnsafeBufferPointer(start: data, count: size))
    let value: JSONValue
    do {
        value = try JSONParser.parse(bytes)
    } catch {
        precondition(error.offset >= 0 && error.offset <= bytes.count, "error offset out of range")
        return 0
    }
    // What was accepted serializes to JSON that parses back to the same value.
    let serialized = JSONSerializer.serialize(value)
    do {
        let again = try JSONParser.parse(serialized)
        precondition(sameJSON(again, value), "serialize/parse round trip changed the value")
    } catch {
        preconditionFailure("the serializer wrote JSON the parser rejects: \(error)")
    }
    // A tight depth limit must fail cleanly, never crash.
    _ = try? JSONParser.parse(bytes, maximumDepth: 2)
    return 0
}

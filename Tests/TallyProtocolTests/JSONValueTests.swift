import Testing
@testable import TallyProtocol

@Suite struct JSONValueTests {
    @Test func accessorsReadEachKind() {
        let v: JSONValue = ["name": "tally", "count": 3, "ratio": 0.5, "ok": true, "none": nil, "list": [1, "two"]]
        #expect(v["name"]?.string == "tally")
        #expect(v["count"]?.int == 3)
        #expect(v["count"]?.int64 == 3)
        #expect(v["count"]?.double == 3.0)
        #expect(v["ratio"]?.double == 0.5)
        #expect(v["ratio"]?.int == nil)
        #expect(v["ok"]?.bool == true)
        #expect(v["none"]?.isNull == true)
        #expect(v["missing"] == nil)
        #expect(v["list"]?[1]?.string == "two")
        #expect(v["list"]?[2] == nil)
        #expect(v["name"]?.int == nil)
        #expect(v.object?.keys == ["name", "count", "ratio", "ok", "none", "list"])
    }

    @Test func integralDoubleConvertsToInt() {
        #expect(JSONValue.double(7.0).int == 7)
        #expect(JSONValue.double(7.5).int64 == nil)
        #expect(JSONValue.double(.infinity).int64 == nil)
    }

    @Test func pathSubscriptFollowsNestedObjects() {
        let v: JSONValue = ["capabilities": ["general": ["positionEncodings": ["utf-8"]]]]
        #expect(v[path: "capabilities", "general", "positionEncodings"]?[0]?.string == "utf-8")
        #expect(v[path: "capabilities", "workspace", "configuration"] == nil)
    }

    @Test func objectKeepsInsertionOrderAndReplacesInPlace() {
        var o = JSONObject()
        o["b"] = 1
        o["a"] = 2
        o["b"] = 3
        #expect(o.keys == ["b", "a"])
        #expect(o["b"] == 3)
        o["b"] = nil
        #expect(o.keys == ["a"])
        #expect(o["b"] == nil)
    }

    @Test func largeObjectLookupUsesIndexConsistently() {
        var o = JSONObject()
        for k in 0..<40 { o["k\(k)"] = .int(Int64(k)) }
        #expect(o["k33"] == 33)
        o["k5"] = nil
        #expect(o["k5"] == nil)
        #expect(o["k6"] == 6)
        #expect(o.count == 39)
        #expect(o.keys.first == "k0")
    }

    @Test func objectEqualityIgnoresOrder() {
        let a: JSONValue = ["x": 1, "y": [true]]
        let b: JSONValue = ["y": [true], "x": 1]
        let c: JSONValue = ["y": [false], "x": 1]
        #expect(a == b)
        #expect(a.hashValue == b.hashValue)
        #expect(a != c)
    }

    @Test func descriptionIsCompactJSON() {
        let v: JSONValue = ["a": [1, 2.5, nil], "b": "q\""]
        #expect(v.description == #"{"a":[1,2.5,null],"b":"q\""}"#)
    }
}

import JSON

extension JSONObject {
    /// The member named `key`, comparing lengths before text: most keys of a Graph object differ in length from
    /// the one looked for, and a length is one load where a string comparison is a call.
    @inline(__always)
    func member(_ key: String) -> JSON? {
        let length = key.utf8.count
        let keys = self.keys
        var index = 0
        while index < keys.count {
            if keys[index].utf8.count == length, keys[index] == key { return values[index] }
            index += 1
        }
        return nil
    }
}

extension JSON {
    /// The member named `key` of an object (`nil` when this is not an object or has no such member).
    @inline(__always)
    func member(_ key: String) -> JSON? {
        guard case .object(let object) = self else { return nil }
        return object.member(key)
    }
}

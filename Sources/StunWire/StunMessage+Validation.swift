/// Eager validation of every attribute this codec understands.
extension StunMessage {
    /// Decodes every attribute that has a typed decoder and throws the first failure, with its
    /// offset in the message. `decode` checks only the message structure (so one odd optional
    /// attribute does not hide a usable answer); call this when you want everything checked.
    public func validateAttributes() throws(StunDecodeError) {
        var offset = StunMessage.headerLength
        for raw in attributes {
            if let kind = StunAttributeRegistry.attributeKind(for: raw.type) {
                do {
                    _ = try kind.init(stunValue: raw.value[...], transactionID: transactionID)
                } catch let error as StunDecodeError {
                    var rebased = error.shifted(by: offset + 4)
                    if rebased.attribute == nil { rebased.attribute = raw.type }
                    throw rebased
                } catch {
                    throw StunDecodeError(.malformedAttribute, offset: offset, attribute: raw.type)
                }
            }
            offset += raw.encodedLength
        }
    }
}

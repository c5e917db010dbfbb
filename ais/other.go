package ais

// newOtherMessage returns a new message for the types not listed in
// newMessage: 4, 6-17, 20-23, 25 and 26; nil for any other type.
func newOtherMessage(t int) decodable {
	switch t {
	case 4, 11:
		return new(BaseStationReport)
	case 6:
		return new(AddressedBinary)
	case 7, 13:
		return new(BinaryAck)
	case 8:
		return new(BinaryBroadcast)
	case 9:
		return new(SARPosition)
	case 10:
		return new(UTCInquiry)
	case 12:
		return new(AddressedSafety)
	case 14:
		return new(SafetyBroadcast)
	case 15:
		return new(Interrogation)
	case 16:
		return new(AssignmentCommand)
	case 17:
		return new(DGNSSBroadcast)
	case 20:
		return new(DataLinkManagement)
	case 21:
		return new(AidToNavigation)
	case 22:
		return new(ChannelManagement)
	case 23:
		return new(GroupAssignment)
	case 25:
		return new(SingleSlotBinary)
	case 26:
		return new(MultiSlotBinary)
	}
	return nil
}

// The appointment types every new clinic starts with (editable later).
export const DEFAULT_APPOINTMENT_TYPES = [
  {
    name: "Initial evaluation",
    durationMinutes: 60,
    bufferMinutes: 15,
    priceMinor: 18000,
    color: "#0f766e",
    onlineBookable: true,
  },
  {
    name: "Follow-up",
    durationMinutes: 45,
    bufferMinutes: 0,
    priceMinor: 13000,
    color: "#2563eb",
    onlineBookable: true,
  },
  {
    name: "Short follow-up",
    durationMinutes: 30,
    bufferMinutes: 0,
    priceMinor: 9000,
    color: "#9333ea",
    onlineBookable: false,
  },
] as const;

// What the consent log keeps about the browser: no more than is needed to show a decision came from
// a real visit — the network (IPv4 /24, IPv6 /48), never the address, and the browser family,
// never the full user-agent string.
import { isIPv4, isIPv6 } from "node:net";

export function truncateIp(ip: string | null | undefined): string | null {
  if (!ip) return null;
  const value = ip.trim().replace(/^\[|\]$/g, "");
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(value);
  const v4 = mapped ? mapped[1]! : value;
  if (isIPv4(v4)) return `${v4.split(".").slice(0, 3).join(".")}.0`;
  if (!isIPv6(value)) return null;
  const [head = "", tail = ""] = value.toLowerCase().split("::");
  const headParts = head ? head.split(":") : [];
  const tailParts = tail ? tail.split(":") : [];
  const missing = 8 - headParts.length - tailParts.length;
  const full = value.includes("::") ? [...headParts, ...Array<string>(missing).fill("0"), ...tailParts] : headParts;
  return `${full
    .slice(0, 3)
    .map((p) => p.replace(/^0+(?=.)/, ""))
    .join(":")}::`;
}

const FAMILIES: [RegExp, string][] = [
  [/bot|crawl|spider|slurp/i, "Bot"],
  [/Edg(e|A|iOS)?\//, "Edge"],
  [/OPR\/|Opera/, "Opera"],
  [/SamsungBrowser\//, "Samsung Internet"],
  [/Firefox\/|FxiOS\//, "Firefox"],
  [/Chrome\/|CriOS\/|Chromium\//, "Chrome"],
  [/Version\/[\d.]+.*Safari\//, "Safari"],
];

export function userAgentFamily(userAgent: string | null | undefined): string {
  if (!userAgent) return "Unknown";
  return FAMILIES.find(([pattern]) => pattern.test(userAgent))?.[1] ?? "Other";
}

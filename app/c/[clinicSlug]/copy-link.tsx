"use client";
// The booking link with a Copy button; says "Copied" (to screen readers too) once it is on the clipboard.
import { useEffect, useState } from "react";

export function CopyLink({ url, label }: { url: string; label: string }) {
  const [copied, setCopied] = useState<"yes" | "no" | null>(null);
  // the server's HTML has no click handler: until the page is live, a click would do nothing and say nothing
  const [live, setLive] = useState(false);
  useEffect(() => setLive(true), []);
  return (
    <div className="copy-link">
      <a href={url}>{url}</a>{" "}
      <button
        type="button"
        className="btn btn-small"
        disabled={!live}
        onClick={() =>
          navigator.clipboard
            ?.writeText(url)
            .then(() => setCopied("yes"))
            .catch(() => setCopied("no"))
        }
      >
        Copy<span className="visually-hidden"> {label}</span>
      </button>
      <span role="status" className="muted">
        {copied === "yes" ? " Copied." : copied === "no" ? " Could not copy: select the link instead." : ""}
      </span>
    </div>
  );
}

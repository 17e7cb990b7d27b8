"use client";
// One category's tag in Settings → Privacy & cookies: who runs it, its script address and/or inline
// snippet, the cookies it sets and the other https hosts it reaches (the booking page's CSP).
import { TAG_LIMITS, type OptionalCategory } from "@/server/consent/categories";

export type TagDraft = { provider: string; scriptUrl: string; inlineScript: string; cookies: string; hosts: string };

const CATEGORY_LABELS: Record<OptionalCategory, { title: string; hint: string }> = {
  preferences: { title: "Preferences", hint: "e.g. a chat widget that remembers the visitor" },
  analytics: { title: "Analytics", hint: "e.g. Plausible, Matomo or Google Analytics" },
  marketing: { title: "Marketing", hint: "e.g. an ads conversion pixel" },
};

export function TagFields({
  category: c,
  draft: d,
  error: err,
  onEdit: edit,
}: {
  category: OptionalCategory;
  draft: TagDraft;
  error: (field: keyof TagDraft) => string | undefined;
  onEdit: (category: OptionalCategory, field: keyof TagDraft, value: string) => void;
}) {
  const id = (f: string) => `tag-${c}-${f}`;
  return (
    <fieldset className="tag-fieldset">
      <legend>{CATEGORY_LABELS[c].title}</legend>
      <p className="hint muted">{CATEGORY_LABELS[c].hint}. Leave every field empty for none.</p>
      <div className="field">
        <label htmlFor={id("provider")}>Service name</label>
        <input
          id={id("provider")}
          value={d.provider}
          maxLength={80}
          onChange={(e) => edit(c, "provider", e.target.value)}
          aria-invalid={err("provider") ? true : undefined}
        />
        {err("provider") ? (
          <span className="field-error" role="alert">
            {err("provider")}
          </span>
        ) : null}
      </div>
      <div className="field">
        <label htmlFor={id("scriptUrl")}>Script address (https)</label>
        <input
          id={id("scriptUrl")}
          type="url"
          inputMode="url"
          placeholder="https://"
          value={d.scriptUrl}
          maxLength={TAG_LIMITS.scriptUrl}
          onChange={(e) => edit(c, "scriptUrl", e.target.value)}
          aria-invalid={err("scriptUrl") ? true : undefined}
        />
        {err("scriptUrl") ? (
          <span className="field-error" role="alert">
            {err("scriptUrl")}
          </span>
        ) : null}
      </div>
      <div className="field">
        <label htmlFor={id("inlineScript")}>Inline snippet (optional, without &lt;script&gt; tags)</label>
        <textarea
          id={id("inlineScript")}
          rows={3}
          value={d.inlineScript}
          maxLength={TAG_LIMITS.inlineScript}
          onChange={(e) => edit(c, "inlineScript", e.target.value)}
          aria-invalid={err("inlineScript") ? true : undefined}
        />
        {err("inlineScript") ? (
          <span className="field-error" role="alert">
            {err("inlineScript")}
          </span>
        ) : null}
      </div>
      <div className="field">
        <label htmlFor={id("cookies")}>Cookies it sets (comma-separated; _ga* matches a prefix)</label>
        <input
          id={id("cookies")}
          value={d.cookies}
          onChange={(e) => edit(c, "cookies", e.target.value)}
          aria-invalid={err("cookies") ? true : undefined}
        />
        {err("cookies") ? (
          <span className="field-error" role="alert">
            {err("cookies")}
          </span>
        ) : null}
      </div>
      <div className="field">
        <label htmlFor={id("hosts")}>Other hosts it sends to (https, comma-separated; *.example.com)</label>
        <input
          id={id("hosts")}
          value={d.hosts}
          onChange={(e) => edit(c, "hosts", e.target.value)}
          aria-invalid={err("hosts") ? true : undefined}
        />
        {err("hosts") ? (
          <span className="field-error" role="alert">
            {err("hosts")}
          </span>
        ) : null}
      </div>
    </fieldset>
  );
}

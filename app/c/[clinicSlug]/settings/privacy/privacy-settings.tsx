"use client";
// Owners set how long a cookie decision stands, the banner's language, the cookie-policy version
// (publishing a new one asks every visitor again) and the third-party tags per category, which run
// on the booking page only after a visitor allows their category.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import "@/app/_components/consent/consent.css";
import { errorMessage, fieldErrors, useTRPC } from "@/app/_lib/trpc";
import type { ConsentTags } from "@/db/schema";
import { CONSENT_MONTHS, OPTIONAL_CATEGORIES, type OptionalCategory } from "@/server/consent/categories";
import { CONSENT_LANGUAGES, LANGUAGE_NAMES, type ConsentLanguage } from "@/server/consent/texts";
import { TagFields, type TagDraft } from "./tag-fields";

const emptyDraft: TagDraft = { provider: "", scriptUrl: "", inlineScript: "", cookies: "", hosts: "" };
const words = (text: string) =>
  text
    .split(/[\s,]+/)
    .map((w) => w.trim())
    .filter(Boolean);

/** US HHS guidance on tracking technologies, shown beside the tag fields. */
const HHS_TRACKING_GUIDANCE =
  "https://www.hhs.gov/hipaa/for-professionals/privacy/guidance/hipaa-online-tracking/index.html";

function draftsFrom(tags: ConsentTags): Record<OptionalCategory, TagDraft> {
  return Object.fromEntries(
    OPTIONAL_CATEGORIES.map((c) => {
      const t = tags[c];
      return [
        c,
        t
          ? {
              provider: t.provider,
              scriptUrl: t.scriptUrl ?? "",
              inlineScript: t.inlineScript ?? "",
              cookies: t.cookies.join(", "),
              hosts: (t.hosts ?? []).join(", "),
            }
          : emptyDraft,
      ];
    }),
  ) as Record<OptionalCategory, TagDraft>;
}

const isBlank = (d: TagDraft) =>
  !d.provider.trim() && !d.scriptUrl.trim() && !d.inlineScript.trim() && !d.cookies.trim() && !d.hosts.trim();

/** publicOrigin: where patients and visitors read the clinic's cookie policy (server/env.ts publicUrl()). */
export function PrivacySettings({ slug, publicOrigin }: { slug: string; publicOrigin: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const settings = useQuery(trpc.consent.settings.queryOptions());
  const onSaved = (data: unknown) => queryClient.setQueryData(trpc.consent.settings.queryKey(), data as never);
  const banner = useMutation(trpc.consent.updateSettings.mutationOptions({ onSuccess: onSaved }));
  const tags = useMutation(trpc.consent.updateSettings.mutationOptions({ onSuccess: onSaved }));
  const publish = useMutation(trpc.consent.publishPolicyVersion.mutationOptions({ onSuccess: onSaved }));
  const [drafts, setDrafts] = useState<Record<OptionalCategory, TagDraft> | null>(null);
  const [confirming, setConfirming] = useState(false);

  if (settings.isPending)
    return (
      <div aria-busy="true">
        <div className="skeleton" />
        <div className="skeleton" />
        <div className="skeleton" />
      </div>
    );
  if (settings.isError)
    return (
      <div className="alert alert-error" role="alert">
        {errorMessage(settings.error)}
      </div>
    );
  const s = settings.data;
  const current = drafts ?? draftsFrom(s.tags);
  const tagErrors = fieldErrors(tags.error);

  function saveBanner(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const f = new FormData(event.currentTarget);
    banner.mutate({
      consentMonths: Number(f.get("consentMonths")),
      language: String(f.get("language")) as ConsentLanguage,
    });
  }

  function saveTags(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    tags.mutate({
      tags: Object.fromEntries(
        OPTIONAL_CATEGORIES.map((c) => {
          const d = current[c];
          if (isBlank(d)) return [c, null];
          return [
            c,
            {
              provider: d.provider,
              scriptUrl: d.scriptUrl.trim() || undefined,
              inlineScript: d.inlineScript.trim() || undefined,
              cookies: words(d.cookies),
              hosts: words(d.hosts),
            },
          ];
        }),
      ),
    });
  }

  const edit = (c: OptionalCategory, field: keyof TagDraft, value: string) =>
    setDrafts({ ...current, [c]: { ...current[c], [field]: value } });
  const fieldError = (c: OptionalCategory, field: string) =>
    tagErrors[`tags.${c}.${field}`] ??
    (field === "scriptUrl" ? tagErrors[`tags.${c}`] : undefined) ??
    Object.entries(tagErrors).find(([path]) => path.startsWith(`tags.${c}.${field}.`))?.[1];

  return (
    <>
      <section className="card" aria-labelledby="banner-h">
        <h2 id="banner-h">Cookie banner</h2>
        <p className="muted">
          Shown on your booking page and the pages you send patients. Accept and reject are equally prominent; nothing
          optional runs until a visitor allows it. <a href={`${publicOrigin}/cookies/${slug}`}>Your cookie policy</a>{" "}
          lists everything, generated from what the pages set.
        </p>
        <form className="form" onSubmit={saveBanner} aria-label="Cookie banner settings">
          {banner.isError ? (
            <div className="alert alert-error" role="alert">
              {errorMessage(banner.error)}
            </div>
          ) : null}
          {banner.isSuccess ? (
            <div className="alert alert-ok" role="status">
              Banner settings saved.
            </div>
          ) : null}
          <div className="form-row" style={{ alignItems: "start" }}>
            <div className="field">
              <label htmlFor="consentMonths">Ask again after (months)</label>
              <input
                id="consentMonths"
                name="consentMonths"
                type="number"
                min={CONSENT_MONTHS.min}
                max={CONSENT_MONTHS.max}
                required
                defaultValue={s.consentMonths}
                aria-describedby="consentMonths-hint"
              />
              <span className="hint" id="consentMonths-hint">
                Between {CONSENT_MONTHS.min} and {CONSENT_MONTHS.max} months (European regulators accept at most 13).
              </span>
            </div>
            <div className="field">
              <label htmlFor="language">Banner language</label>
              <select id="language" name="language" defaultValue={s.language}>
                {CONSENT_LANGUAGES.map((l) => (
                  <option key={l} value={l}>
                    {LANGUAGE_NAMES[l]}
                  </option>
                ))}
              </select>
            </div>
          </div>
          <div>
            <button className="btn btn-primary" type="submit" disabled={banner.isPending}>
              Save banner settings
            </button>
          </div>
        </form>
      </section>

      <section className="card" aria-labelledby="policy-h">
        <h2 id="policy-h">Cookie policy version</h2>
        <p>
          Version <strong data-testid="consent-policy-version">{s.policyVersion}</strong>
          {s.policyUpdatedAt
            ? `, published ${new Date(s.policyUpdatedAt).toLocaleDateString("en-US", { dateStyle: "long" })}`
            : ""}
          . Publish a new version when you change what the pages use (for example, a new tag): every visitor is asked
          again.
        </p>
        {publish.isError ? (
          <div className="alert alert-error" role="alert">
            {errorMessage(publish.error)}
          </div>
        ) : null}
        {publish.isSuccess ? (
          <div className="alert alert-ok" role="status">
            Version {s.policyVersion} published: visitors will be asked again.
          </div>
        ) : null}
        {confirming ? (
          <div className="actions" role="group" aria-label="Confirm publishing">
            <span>Ask every visitor again under version {s.policyVersion + 1}?</span>
            <button
              type="button"
              className="btn btn-primary"
              disabled={publish.isPending}
              onClick={() => {
                setConfirming(false);
                publish.mutate();
              }}
            >
              Publish version {s.policyVersion + 1}
            </button>
            <button type="button" className="btn" onClick={() => setConfirming(false)}>
              Cancel
            </button>
          </div>
        ) : (
          <button type="button" className="btn" onClick={() => setConfirming(true)}>
            Publish a new policy version…
          </button>
        )}
      </section>

      <section className="card" aria-labelledby="tags-h">
        <h2 id="tags-h">Third-party tags</h2>
        <p className="muted">
          One tag per category, loaded on your booking page only after a visitor allows that category, and never on
          pages opened from a patient&apos;s personal link. Withdrawing consent removes it and deletes the cookies you
          list here. The booking page lets tags reach only the host of their script address and the hosts you list.
        </p>
        <p className="alert" data-testid="hhs-tracking-guidance">
          If your clinic is covered by HIPAA: the US Department of Health and Human Services has warned that tracking
          tags on pages where people book care can pass protected health information to the tag&apos;s vendor, even when
          nobody is signed in, so only add a tag you have a business associate agreement or a patient&apos;s
          authorization for.{" "}
          <a href={HHS_TRACKING_GUIDANCE} target="_blank" rel="noreferrer">
            HHS guidance on online tracking technologies
          </a>
        </p>
        <form className="form" style={{ maxWidth: 720 }} onSubmit={saveTags} aria-label="Third-party tags">
          {tags.isError ? (
            <div className="alert alert-error" role="alert">
              {errorMessage(tags.error)}
            </div>
          ) : null}
          {tags.isSuccess ? (
            <div className="alert alert-ok" role="status">
              Tags saved. Consider publishing a new policy version.
            </div>
          ) : null}
          {OPTIONAL_CATEGORIES.map((c) => (
            <TagFields key={c} category={c} draft={current[c]} error={(f) => fieldError(c, f)} onEdit={edit} />
          ))}
          <div>
            <button className="btn btn-primary" type="submit" disabled={tags.isPending}>
              Save tags
            </button>
          </div>
        </form>
      </section>
    </>
  );
}

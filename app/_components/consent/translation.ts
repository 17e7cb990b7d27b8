// Builds vanilla-cookieconsent's categories and wording from the server's (already escaped) texts.
// With Global Privacy Control, analytics and marketing are not offered at all: the banner says why.
// An owner with nothing optional (no tags) offers nothing: "Cookie settings" says so, with no buttons.
import type { CookieConsentConfig, Translation } from "vanilla-cookieconsent";
import type { ConsentCategory } from "@/server/consent/categories";
import type { BannerTexts } from "@/server/consent/texts";

const ALL: readonly ConsentCategory[] = ["necessary", "preferences", "analytics", "marketing"];
const WITH_GPC: readonly ConsentCategory[] = ["necessary", "preferences"];

/** The categories the banner offers. */
export const offeredCategories = (gpc: boolean): readonly ConsentCategory[] => (gpc ? WITH_GPC : ALL);

export function libraryCategories(gpc: boolean, choices = true): CookieConsentConfig["categories"] {
  return Object.fromEntries(
    (choices ? offeredCategories(gpc) : (["necessary"] as const)).map((c) => [
      c,
      c === "necessary" ? { enabled: true, readOnly: true } : { enabled: false, readOnly: false },
    ]),
  );
}

export function buildTranslation(texts: BannerTexts, opts: { gpc: boolean; policyHref: string }): Translation {
  const gpcNote = opts.gpc ? `<span class="jc-consent-gpc" data-testid="gpc-notice">${texts.gpcNotice}</span>` : "";
  const policy = `<a href="${opts.policyHref}">${texts.policyLink}</a>`;
  return {
    consentModal: {
      label: texts.title,
      title: texts.title,
      description: `${texts.description}${gpcNote}{{revisionMessage}}`,
      revisionMessage: `<span class="jc-consent-revision">${texts.revisionMessage}</span>`,
      acceptAllBtn: texts.acceptAll,
      acceptNecessaryBtn: texts.rejectAll,
      showPreferencesBtn: texts.choose,
      footer: policy,
    },
    preferencesModal: {
      title: texts.settingsTitle,
      acceptAllBtn: texts.acceptAll,
      acceptNecessaryBtn: texts.rejectAll,
      savePreferencesBtn: texts.save,
      closeIconLabel: texts.close,
      sections: [
        { description: `${texts.settingsIntro}${gpcNote}` },
        ...offeredCategories(opts.gpc).map((c) => ({
          title: texts.categories[c].title,
          description: texts.categories[c].description,
          linkedCategory: c,
        })),
        ...(opts.gpc
          ? [
              {
                title: `${texts.categories.analytics.title}, ${texts.categories.marketing.title}`,
                description: texts.gpcNotice,
              },
            ]
          : []),
        { title: texts.moreInfoTitle, description: texts.moreInfo },
      ],
    },
  };
}

/** The wording where there is nothing to choose: a description of what is used, and a close button. */
export function necessaryOnlyTranslation(texts: BannerTexts): Translation {
  return {
    consentModal: { label: texts.settingsTitle, title: texts.settingsTitle, description: texts.nothingToChoose },
    preferencesModal: {
      title: texts.settingsTitle,
      closeIconLabel: texts.close,
      sections: [
        { description: texts.nothingToChoose },
        { title: texts.categories.necessary.title, description: texts.categories.necessary.description },
        { title: texts.moreInfoTitle, description: texts.moreInfo },
      ],
    },
  };
}

// The banner's wording in every language we have (plain data: the settings form reads the language
// list in the browser). Its version, stored with each decision, is in ./banner-version.ts.
import type { ConsentCategory } from "./categories";

export const CONSENT_LANGUAGES = ["en", "es", "fr", "de"] as const;
export type ConsentLanguage = (typeof CONSENT_LANGUAGES)[number];
export const LANGUAGE_NAMES: Record<ConsentLanguage, string> = {
  en: "English",
  es: "Español",
  fr: "Français",
  de: "Deutsch",
};

export const isConsentLanguage = (value: unknown): value is ConsentLanguage =>
  typeof value === "string" && (CONSENT_LANGUAGES as readonly string[]).includes(value);

/** Placeholders: {owner} (clinic or "Junction"), {months}, {policy} (a link to the cookie policy). */
export type BannerTexts = {
  title: string;
  description: string;
  gpcNotice: string;
  revisionMessage: string;
  acceptAll: string;
  rejectAll: string;
  choose: string;
  save: string;
  close: string;
  policyLink: string;
  settingsTitle: string;
  settingsIntro: string;
  /** "Cookie settings" on a page whose owner has nothing optional (no banner there: nothing to ask). */
  nothingToChoose: string;
  moreInfoTitle: string;
  moreInfo: string;
  cookieSettings: string;
  categories: Record<ConsentCategory, { title: string; description: string }>;
};

export const BANNER_TEXTS: Record<ConsentLanguage, BannerTexts> = {
  en: {
    title: "Your choice about cookies",
    description:
      "{owner} uses strictly necessary cookies to make this page work. With your permission it would also use cookies for preferences, analytics and marketing. Nothing optional is stored until you choose, and the page works just the same if you refuse. You can change your mind at any time with “Cookie settings” at the bottom of the page.",
    gpcNotice: "Your browser sent a Global Privacy Control signal, so analytics and marketing cookies stay off.",
    revisionMessage: "Our cookie policy has changed since you last chose, so we are asking again.",
    acceptAll: "Accept all",
    rejectAll: "Reject all",
    choose: "Choose",
    save: "Save my choices",
    close: "Close",
    policyLink: "Cookie policy",
    settingsTitle: "Cookie settings",
    settingsIntro:
      "Choose which optional cookies {owner} may use. Strictly necessary ones are always on. Your choice is kept for {months} months, then we ask again.",
    nothingToChoose:
      "{owner} uses only strictly necessary cookies here. They need no consent, so there is nothing to choose.",
    moreInfoTitle: "More information",
    moreInfo: "Every cookie and storage item, with its purpose and lifetime, is listed in the {policy}.",
    cookieSettings: "Cookie settings",
    categories: {
      necessary: {
        title: "Strictly necessary (always on)",
        description:
          "Keep clinic staff signed in, protect forms against forgery and remember this choice. The site cannot work without them, so they cannot be switched off.",
      },
      preferences: {
        title: "Preferences",
        description: "Remember settings that make the page easier to use, such as your language.",
      },
      analytics: {
        title: "Analytics",
        description:
          "Help {owner} understand how its pages are used, such as how many people visit, through the analytics service it chose.",
      },
      marketing: {
        title: "Marketing",
        description: "Let {owner}'s advertising partners measure its ads and show you related ones on other sites.",
      },
    },
  },
  es: {
    title: "Tu elección sobre las cookies",
    description:
      "{owner} utiliza cookies estrictamente necesarias para que esta página funcione. Con tu permiso, también usaría cookies de preferencias, analíticas y de marketing. No se guarda nada opcional hasta que elijas, y la página funciona igual si las rechazas. Puedes cambiar de opinión en cualquier momento con «Configuración de cookies» al pie de la página.",
    gpcNotice:
      "Tu navegador envió una señal de Global Privacy Control, así que las cookies analíticas y de marketing siguen desactivadas.",
    revisionMessage:
      "Nuestra política de cookies ha cambiado desde tu última elección, por eso volvemos a preguntarte.",
    acceptAll: "Aceptar todas",
    rejectAll: "Rechazar todas",
    choose: "Elegir",
    save: "Guardar mi elección",
    close: "Cerrar",
    policyLink: "Política de cookies",
    settingsTitle: "Configuración de cookies",
    settingsIntro:
      "Elige qué cookies opcionales puede usar {owner}. Las estrictamente necesarias están siempre activas. Guardamos tu elección durante {months} meses y después volvemos a preguntarte.",
    nothingToChoose:
      "{owner} solo utiliza aquí cookies estrictamente necesarias. No requieren consentimiento, así que no hay nada que elegir.",
    moreInfoTitle: "Más información",
    moreInfo: "Todas las cookies y elementos de almacenamiento, con su finalidad y duración, figuran en la {policy}.",
    cookieSettings: "Configuración de cookies",
    categories: {
      necessary: {
        title: "Estrictamente necesarias (siempre activas)",
        description:
          "Mantienen la sesión del personal de la clínica, protegen los formularios contra falsificaciones y recuerdan esta elección. Sin ellas el sitio no funciona, por eso no se pueden desactivar.",
      },
      preferences: {
        title: "Preferencias",
        description: "Recuerdan ajustes que facilitan el uso de la página, como tu idioma.",
      },
      analytics: {
        title: "Analíticas",
        description:
          "Ayudan a {owner} a entender cómo se usan sus páginas, por ejemplo cuántas personas las visitan, mediante el servicio de analítica que ha elegido.",
      },
      marketing: {
        title: "Marketing",
        description:
          "Permiten a los socios publicitarios de {owner} medir sus anuncios y mostrarte anuncios relacionados en otros sitios.",
      },
    },
  },
  fr: {
    title: "Votre choix concernant les cookies",
    description:
      "{owner} utilise des cookies strictement nécessaires au fonctionnement de cette page. Avec votre accord, des cookies de préférences, de mesure d’audience et de marketing seraient aussi utilisés. Rien d’optionnel n’est enregistré avant votre choix, et la page fonctionne de la même façon si vous refusez. Vous pouvez changer d’avis à tout moment avec « Paramètres des cookies » en bas de page.",
    gpcNotice:
      "Votre navigateur a envoyé un signal Global Privacy Control : les cookies de mesure d’audience et de marketing restent désactivés.",
    revisionMessage:
      "Notre politique de cookies a changé depuis votre dernier choix : nous vous le demandons donc à nouveau.",
    acceptAll: "Tout accepter",
    rejectAll: "Tout refuser",
    choose: "Choisir",
    save: "Enregistrer mes choix",
    close: "Fermer",
    policyLink: "Politique de cookies",
    settingsTitle: "Paramètres des cookies",
    settingsIntro:
      "Choisissez les cookies optionnels que {owner} peut utiliser. Les cookies strictement nécessaires sont toujours actifs. Votre choix est conservé {months} mois, puis nous vous le redemandons.",
    nothingToChoose:
      "{owner} n’utilise ici que des cookies strictement nécessaires. Ils ne demandent pas de consentement : il n’y a donc rien à choisir.",
    moreInfoTitle: "En savoir plus",
    moreInfo: "Chaque cookie et élément de stockage, avec sa finalité et sa durée, figure dans la {policy}.",
    cookieSettings: "Paramètres des cookies",
    categories: {
      necessary: {
        title: "Strictement nécessaires (toujours actifs)",
        description:
          "Maintiennent la connexion du personnel de la clinique, protègent les formulaires contre la falsification et mémorisent ce choix. Le site ne peut pas fonctionner sans eux : ils ne peuvent donc pas être désactivés.",
      },
      preferences: {
        title: "Préférences",
        description: "Mémorisent des réglages qui facilitent l’utilisation de la page, comme votre langue.",
      },
      analytics: {
        title: "Mesure d’audience",
        description:
          "Aident {owner} à comprendre comment ses pages sont utilisées, par exemple le nombre de visites, grâce au service de mesure choisi.",
      },
      marketing: {
        title: "Marketing",
        description:
          "Permettent aux partenaires publicitaires de {owner} de mesurer ses publicités et de vous montrer des annonces liées sur d’autres sites.",
      },
    },
  },
  de: {
    title: "Ihre Entscheidung zu Cookies",
    description:
      "{owner} verwendet unbedingt erforderliche Cookies, damit diese Seite funktioniert. Mit Ihrer Einwilligung würden außerdem Cookies für Präferenzen, Statistik und Marketing verwendet. Optionales wird erst gespeichert, wenn Sie sich entschieden haben, und die Seite funktioniert genauso, wenn Sie ablehnen. Sie können Ihre Entscheidung jederzeit über „Cookie-Einstellungen“ unten auf der Seite ändern.",
    gpcNotice:
      "Ihr Browser hat ein Global-Privacy-Control-Signal gesendet, daher bleiben Statistik- und Marketing-Cookies ausgeschaltet.",
    revisionMessage:
      "Unsere Cookie-Richtlinie hat sich seit Ihrer letzten Entscheidung geändert, deshalb fragen wir erneut.",
    acceptAll: "Alle akzeptieren",
    rejectAll: "Alle ablehnen",
    choose: "Auswählen",
    save: "Auswahl speichern",
    close: "Schließen",
    policyLink: "Cookie-Richtlinie",
    settingsTitle: "Cookie-Einstellungen",
    settingsIntro:
      "Wählen Sie, welche optionalen Cookies {owner} verwenden darf. Unbedingt erforderliche Cookies sind immer aktiv. Ihre Auswahl gilt {months} Monate, danach fragen wir erneut.",
    nothingToChoose:
      "{owner} verwendet hier nur unbedingt erforderliche Cookies. Sie brauchen keine Einwilligung, daher gibt es nichts auszuwählen.",
    moreInfoTitle: "Mehr erfahren",
    moreInfo: "Alle Cookies und Speichereinträge mit Zweck und Laufzeit stehen in der {policy}.",
    cookieSettings: "Cookie-Einstellungen",
    categories: {
      necessary: {
        title: "Unbedingt erforderlich (immer aktiv)",
        description:
          "Halten Mitarbeitende der Praxis angemeldet, schützen Formulare vor Fälschung und speichern diese Entscheidung. Ohne sie funktioniert die Website nicht, daher lassen sie sich nicht abschalten.",
      },
      preferences: {
        title: "Präferenzen",
        description: "Speichern Einstellungen, die die Nutzung erleichtern, etwa Ihre Sprache.",
      },
      analytics: {
        title: "Statistik",
        description:
          "Helfen {owner} zu verstehen, wie die Seiten genutzt werden, etwa wie viele Menschen sie besuchen – über den gewählten Analysedienst.",
      },
      marketing: {
        title: "Marketing",
        description:
          "Ermöglichen den Werbepartnern von {owner}, Anzeigen zu messen und Ihnen passende Anzeigen auf anderen Websites zu zeigen.",
      },
    },
  },
};

const escapeHtml = (value: string) =>
  value.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

/**
 * The wording for one page, placeholders filled and everything HTML-escaped (the banner library
 * inserts it as HTML): the clinic's name can never become markup.
 */
export function bannerTextsFor(
  language: ConsentLanguage,
  params: { owner: string; months: number; policyHref: string },
): BannerTexts {
  const t = BANNER_TEXTS[language];
  const link = `<a href="${escapeHtml(params.policyHref)}">${escapeHtml(t.policyLink)}</a>`;
  const fill = (text: string) =>
    escapeHtml(text)
      .replaceAll("{owner}", escapeHtml(params.owner))
      .replaceAll("{months}", String(params.months))
      .replaceAll("{policy}", link);
  return {
    ...Object.fromEntries(
      Object.entries(t)
        .filter(([k]) => k !== "categories")
        .map(([k, v]) => [k, fill(v as string)]),
    ),
    categories: Object.fromEntries(
      Object.entries(t.categories).map(([k, v]) => [k, { title: fill(v.title), description: fill(v.description) }]),
    ),
  } as BannerTexts;
}

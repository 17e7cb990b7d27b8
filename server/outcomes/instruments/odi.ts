// Oswestry Disability Index (ODI), version 2.1a.
//
// WORDING: the statements below are short plain-language renderings that keep the meaning and the
// severity order (0 = least, 5 = most disability) of each published ODI 2.1a statement. They are
// NOT the verbatim licensed text. For validated commercial use, obtain the verbatim ODI 2.1a
// wording (and any translation) under licence from Mapi Research Trust (ePROVIDE,
// https://eprovide.mapi-trust.org/instruments/oswestry-disability-index) and replace the labels
// here (and set the version to "2.1a"); the key ("odi"), the item ids, the option values and the
// scoring do not change.
//
// SCORING (Fairbank & Pynsent 2000): each section 0–5 (first statement 0, last 5);
// score = total / (5 × sections answered) × 100, stored unrounded and shown to one decimal. Worked examples of the
// published scoring instructions: all 10 sections answered, total 16 → 16/50 × 100 = 32%; one
// section missed or not applicable, total 16 → 16/45 × 100 = 35.5% (we show 35.6%, marked prorated).
//
// MISSING SECTIONS: at most 1. The published instructions give the rule for one missed (or not
// applicable) section only; the AO Clinical Investigation and Documentation scoring algorithm for
// ODI 1.0/2.0/2.1a ("There is a limit of 1 missing section. More than 1 missing section will result
// in a missing score", Blauth & Daigl 2012) and the Awell Health scoring library ("When more than
// one response is missing … a score cannot be calculated") apply the same limit. Some clinical
// sites accept more missing sections; we follow the stricter, documented rule because a wrong ODI
// is worse than none.
//
// MCID: 10 percentage points (Ostelo et al. 2008, the international consensus for low back pain
// instruments, which also proposes a 30% relative improvement). Other estimates exist (e.g. −12 in
// Abbott & Schmitt, JOSPT 2014;44(8):560–564, in physical therapy patients, and figures derived for
// the differently worded "Modified" ODI), but 10 is the most established consensus figure.
import type { Instrument, InstrumentItem } from "../types";

const section = (id: string, title: string, prompt: string, statements: string[], required = true): InstrumentItem => ({
  id,
  title,
  prompt,
  kind: "choice",
  options: statements.map((label, value) => ({ value, label })),
  required,
});

export const odi: Instrument = {
  key: "odi",
  // The statements are plain-language renderings, not the licensed wording: answers record that.
  // A clinic that loads the official text under licence sets this back to "2.1a".
  version: "2.1a-plain",
  name: "Oswestry Disability Index",
  shortName: "ODI",
  description:
    "Ten sections on how low back (or leg) pain limits everyday activities, for patients with low back pain. Scored 0–100%; lower is better.",
  instructions:
    "These questions ask how your back or leg pain affects your everyday life. In each section, choose the one statement that describes you best today. " +
    "If more than one seems to fit, choose the one that fits most closely. Skip the sex-life section if it does not apply to you.",
  items: [
    section("pain_intensity", "Pain intensity", "How bad is your pain right now?", [
      "I have no pain right now.",
      "My pain is very mild right now.",
      "My pain is moderate right now.",
      "My pain is fairly severe right now.",
      "My pain is very severe right now.",
      "My pain is the worst I can imagine right now.",
    ]),
    section("personal_care", "Personal care", "Looking after yourself (washing, dressing and so on):", [
      "I can look after myself normally with no extra pain.",
      "I can look after myself normally, but it causes extra pain.",
      "Looking after myself is painful, and I am slow and careful.",
      "I need some help, but I manage most of my personal care.",
      "I need help every day with most of my personal care.",
      "I do not get dressed, I wash with difficulty, and I stay in bed.",
    ]),
    section("lifting", "Lifting", "Lifting things:", [
      "I can lift heavy things with no extra pain.",
      "I can lift heavy things, but it causes extra pain.",
      "Pain stops me lifting heavy things off the floor, but I can if they are placed conveniently, for example on a table.",
      "Pain stops me lifting heavy things, but I can lift light to medium things if they are placed conveniently.",
      "I can lift only very light things.",
      "I cannot lift or carry anything at all.",
    ]),
    section("walking", "Walking", "Walking:", [
      "Pain does not stop me walking any distance.",
      "Pain stops me walking more than 1 mile (1.6 km).",
      "Pain stops me walking more than half a mile (800 m).",
      "Pain stops me walking more than 100 yards (90 m).",
      "I can walk only with a stick or crutches.",
      "I am in bed most of the time.",
    ]),
    section("sitting", "Sitting", "Sitting:", [
      "I can sit in any chair for as long as I like.",
      "I can sit for as long as I like only in my favourite chair.",
      "Pain stops me sitting for more than 1 hour.",
      "Pain stops me sitting for more than 30 minutes.",
      "Pain stops me sitting for more than 10 minutes.",
      "Pain stops me sitting at all.",
    ]),
    section("standing", "Standing", "Standing:", [
      "I can stand for as long as I want with no extra pain.",
      "I can stand for as long as I want, but it causes extra pain.",
      "Pain stops me standing for more than 1 hour.",
      "Pain stops me standing for more than 30 minutes.",
      "Pain stops me standing for more than 10 minutes.",
      "Pain stops me standing at all.",
    ]),
    section("sleeping", "Sleeping", "Sleeping:", [
      "Pain never disturbs my sleep.",
      "Pain sometimes disturbs my sleep.",
      "Because of pain, I sleep less than 6 hours.",
      "Because of pain, I sleep less than 4 hours.",
      "Because of pain, I sleep less than 2 hours.",
      "Pain stops me sleeping at all.",
    ]),
    section(
      "sex_life",
      "Sex life (if applicable)",
      "Your sex life (skip this section if it does not apply to you):",
      [
        "My sex life is normal and causes no extra pain.",
        "My sex life is normal, but it causes some extra pain.",
        "My sex life is nearly normal, but it is very painful.",
        "Pain severely restricts my sex life.",
        "Because of pain, I have almost no sex life.",
        "Pain prevents any sex life at all.",
      ],
      false,
    ),
    section("social_life", "Social life", "Your social life:", [
      "My social life is normal and causes no extra pain.",
      "My social life is normal, but it makes my pain worse.",
      "Pain has no big effect on my social life, apart from limiting more energetic interests such as sport.",
      "Pain has restricted my social life, and I go out less often.",
      "Pain has restricted my social life to my home.",
      "I have no social life because of pain.",
    ]),
    section("travelling", "Travelling", "Travelling:", [
      "I can travel anywhere with no pain.",
      "I can travel anywhere, but it causes extra pain.",
      "Pain is bad, but I manage journeys of over 2 hours.",
      "Pain limits me to journeys of less than 1 hour.",
      "Pain limits me to short, necessary journeys of under 30 minutes.",
      "Pain stops me travelling except to get treatment.",
    ]),
  ],
  scoring: { method: "percentOfAnsweredMax", itemMax: 5, maxMissing: 1 },
  range: { min: 0, max: 100 },
  unit: "%",
  decimals: 1,
  better: "lower",
  mcid: {
    value: 10,
    source:
      "Ostelo RWJG, Deyo RA, Stratford P, et al. Interpreting change scores for pain and functional status in low back pain: towards international consensus regarding minimal important change. Spine 2008;33(1):90–94 " +
      "(10 points on the 0–100 ODI, or a 30% improvement from baseline).",
  },
  kind: "status",
  source:
    "Fairbank JCT, Pynsent PB. The Oswestry Disability Index. Spine 2000;25(22):2940–2953 (version 2.1a distributed by Mapi Research Trust). " +
    "Each section scores 0–5; score = total ÷ (5 × sections answered) × 100, reported to one decimal (35.6% with one section missed). " +
    "Not scored with more than 1 section missing (published example covers one missed or not-applicable section; same limit in the AO CID ODI scoring algorithm, Blauth & Daigl 2012).",
  licence: {
    holder: "Jeremy Fairbank (copyright); distributed by Mapi Research Trust (ePROVIDE)",
    note:
      "The ODI is copyrighted. Use in commercial settings, including software such as this, needs a licence from Mapi Research Trust (ePROVIDE). " +
      "Switch the ODI off in Settings unless your clinic holds that licence. The wording shown here is a plain-language rendering; a licence also gives you the official validated wording.",
    commercialUseNeedsPermission: true,
    url: "https://eprovide.mapi-trust.org/instruments/oswestry-disability-index",
  },
  enabledByDefault: true,
  itemNoun: { one: "section", other: "sections" },
  optionNoun: "statement",
};

export default odi;

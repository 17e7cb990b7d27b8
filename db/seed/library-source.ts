// Where the app reads the shipped exercise library from: the plain data in db/seed/exercise-library
// (exercises, protocol templates, SVG illustrations). Everything else imports it from here.
export * from "./exercise-library";

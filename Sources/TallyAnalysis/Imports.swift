// The analysis layer builds on the syntax layer; re-export it so that users of
// TallyAnalysis (the protocol and command-line layers) see one vocabulary.
@_exported import TallySyntax

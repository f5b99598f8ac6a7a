# --- grammar and editors (issue 5): tools for GrammarTests and EditorTests ---
# Debian's Neovim, Emacs and eglot, installed only when missing.
export CI=true
missing_packages=""
command -v nvim >/dev/null 2>&1 || missing_packages="$missing_packages neovim"
command -v emacs >/dev/null 2>&1 || missing_packages="$missing_packages emacs-nox"
ls -d /usr/share/emacs/site-lisp/elpa/eglot-* >/dev/null 2>&1 || missing_packages="$missing_packages elpa-eglot"
python3 -c 'import venv, ensurepip' >/dev/null 2>&1 || missing_packages="$missing_packages python3-venv"
if [ -n "$missing_packages" ]; then
  apt-get update
  DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends $missing_packages
fi
# babi (a TextMate engine on Oniguruma) in a virtual environment under .build/.
if ! .build/venv/bin/python -c 'import babi.highlight' >/dev/null 2>&1; then
  rm -rf .build/venv
  python3 -m venv .build/venv
  .build/venv/bin/pip install --quiet babi
fi
# The end-to-end editor tests need the server binary at .build/debug/tally.
swift build --product tally

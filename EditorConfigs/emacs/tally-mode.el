;;; tally-mode.el --- Major mode for Tally incident markup  -*- lexical-binding: t; -*-

;; Version: 0.1
;; Package-Requires: ((emacs "27.1"))
;; Keywords: languages

;;; Commentary:

;; Font-lock for Tally documents (front matter, %% comments, ::: incident
;; blocks, [TEXT]{KIND ...} tags) and registration of `tally lsp' with eglot
;; (and with lsp-mode, when that is the client you use).
;;
;;   (add-to-list 'load-path "/path/to/EditorConfigs/emacs")
;;   (require 'tally-mode)
;;   (add-hook 'tally-mode-hook #'eglot-ensure)   ; optional

;;; Code:

(defgroup tally nil
  "Tally incident markup."
  :group 'languages
  :prefix "tally-")

(defcustom tally-executable "tally"
  "The `tally' program; the language server is started as `tally lsp'."
  :type 'string
  :group 'tally)

(defface tally-tag-text-face
  '((t :inherit font-lock-string-face :underline t))
  "Face for the article text inside a [TEXT]{...} tag."
  :group 'tally)

(defface tally-bracket-face
  '((t :inherit shadow))
  "Face for the brackets of a tag."
  :group 'tally)

(defface tally-escape-face
  '((t :inherit font-lock-constant-face))
  "Face for backslash escapes such as \\[."
  :group 'tally)

(defconst tally--kinds
  '("actor" "place" "killed" "injured" "abducted" "missing" "arrested" "displaced"))

(defconst tally--figure-kinds
  '("killed" "injured" "abducted" "missing" "arrested" "displaced"))

(defun tally--front-matter-end ()
  "Position of the end of the front matter, or nil when there is none."
  (save-excursion
    (save-restriction
      (widen)
      (goto-char (point-min))
      (when (looking-at "---[ \t]*$")
        (forward-line 1)
        (when (re-search-forward "^---[ \t]*$" nil t)
          (point))))))

(defun tally--match-front-matter-key (limit)
  "Font-lock matcher: the next `key: value' line of the front matter before LIMIT."
  (let ((end (tally--front-matter-end)))
    (when (and end (< (point) end))
      (re-search-forward "^\\([A-Za-z_][A-Za-z0-9_-]*\\)[ \t]*\\(:\\)[ \t]*\\(.*\\)$"
                         (min limit end) t))))

(defun tally--match-front-matter-fence (limit)
  "Font-lock matcher: the two `---' lines of the front matter before LIMIT."
  (let ((end (tally--front-matter-end)))
    (when (and end (< (point) end))
      (re-search-forward "^---[ \t]*$" (min limit end) t))))

(defconst tally-font-lock-keywords
  (let ((figure (regexp-opt tally--figure-kinds))
        (kind (regexp-opt tally--kinds))
        (count "[0-9]+\\(?:\\+\\|-[0-9]+\\)?"))
    `((tally--match-front-matter-fence (0 'font-lock-preprocessor-face))
      (tally--match-front-matter-key
       (1 'font-lock-variable-name-face)
       (3 'font-lock-string-face))
      ("^%%.*$" (0 'font-lock-comment-face t))
      ;; ::: incident ID key=value ...
      ("^\\(:::\\)[ \t]+\\(incident\\)\\(?:[ \t]\\|$\\)\\(?:[ \t]*\\([^ \t\n=\"{}]+\\)\\(?:[ \t]\\|$\\)\\)?"
       (1 'font-lock-keyword-face)
       (2 'font-lock-keyword-face)
       (3 'font-lock-function-name-face nil t))
      ("^:::[ \t]*$" (0 'font-lock-keyword-face))
      ;; [TEXT]{KIND[=VALUE]
      (,(concat "\\(?:^\\|[^\\]\\)\\(\\[\\)\\(\\(?:[^][\\\n]\\|\\\\.\\)*\\)\\(\\]\\){\\("
                kind "\\)\\(?:[=[:space:]}]\\|$\\)")
       (1 'tally-bracket-face nil t)
       (2 'tally-tag-text-face)
       (3 'tally-bracket-face nil t)
       (4 'font-lock-type-face))
      ;; Counts after a figure kind or a declared total: killed=130+
      (,(concat "\\(?:{\\|[ \t]\\)" figure "=\\(" count "\\)\\(?:[[:space:]}]\\|$\\)")
       (1 'font-lock-constant-face))
      ;; KEY= inside tags and headers
      ("[ \t{]\\(date\\|type\\|place\\|by\\|victim\\|in\\|note\\)\\(=\\)"
       (1 'font-lock-variable-name-face))
      ;; Quoted attribute values with \" escapes.
      ("=\\(\"\\(?:[^\"\\\n]\\|\\\\.\\)*\"\\)" (1 'font-lock-string-face t))
      ;; \[ and friends
      ("\\\\[][\\{}\"]" (0 'tally-escape-face t))))
  "Font-lock rules for `tally-mode'.")

(defvar tally-mode-syntax-table
  (let ((table (make-syntax-table text-mode-syntax-table)))
    ;; Article text is full of quotation marks: never treat them as strings.
    (modify-syntax-entry ?\" "." table)
    (modify-syntax-entry ?- "w" table)
    (modify-syntax-entry ?_ "w" table)
    table)
  "Syntax table for `tally-mode': ids like nioro-du-sahel are one word.")

;;;###autoload
(define-derived-mode tally-mode text-mode "Tally"
  "Major mode for Tally incident markup."
  :syntax-table tally-mode-syntax-table
  (setq-local comment-start "%% ")
  (setq-local comment-start-skip "^%%+[ \t]*")
  (setq-local comment-end "")
  (setq-local font-lock-defaults '(tally-font-lock-keywords t))
  (setq-local font-lock-multiline t))

;;;###autoload
(add-to-list 'auto-mode-alist '("\\.tally\\'" . tally-mode))

(defun tally--server-command (&optional _interactive)
  "The command line that starts the Tally language server."
  (list tally-executable "lsp"))

;; eglot: languageId "tally" (otherwise eglot derives it from the mode name).
(with-eval-after-load 'eglot
  (defvar eglot-server-programs)
  (add-to-list 'eglot-server-programs
               '((tally-mode :language-id "tally") . tally--server-command)))

;; lsp-mode, for those who use it instead of eglot.
(declare-function lsp-register-client "lsp-mode")
(declare-function make-lsp-client "lsp-mode")
(declare-function lsp-stdio-connection "lsp-mode")
(declare-function lsp-activate-on "lsp-mode")
(defvar lsp-language-id-configuration)
(with-eval-after-load 'lsp-mode
  (add-to-list 'lsp-language-id-configuration '(tally-mode . "tally"))
  (lsp-register-client
   (make-lsp-client :new-connection (lsp-stdio-connection #'tally--server-command)
                    :activation-fn (lsp-activate-on "tally")
                    :server-id 'tally)))

(provide 'tally-mode)
;;; tally-mode.el ends here

import Foundation
import Testing

/// The editor set-ups in `EditorConfigs/`, proven in real editors: headless
/// Neovim with the shipped Lua file and batch Emacs with the shipped
/// `tally-mode` + eglot each open a document with planted inconsistencies,
/// talk to the built `tally lsp`, and must show its diagnostics (rule and
/// line), a hover naming the place under the cursor, and gazetteer completion.
///
/// Outside CI a missing editor, eglot or server skips the check with a printed
/// reason; with `CI=true` the same absence is a failure.
@Suite(.serialized)
struct EditorTests {
    // MARK: - Fixture

    /// Lines (1-based): 8 is clean, 9 has a count that disagrees with its text,
    /// 10 has a misspelt place.
    static let plantedDocument = """
        ---
        title: Editor test report with planted inconsistencies
        published: 2025-07-02
        language: en
        ---
        %% two planted faults: a count that disagrees with its text, a misspelt place
        ::: incident kayes-2025-07-01 date=2025-07-01 type=violence-against-civilians place=kayes by=jnim
        Fighters of [JNIM]{actor=jnim} attacked [Kayes]{place=kayes} on 1 July.
        [Three Indian nationals]{abducted=4 by=jnim} were taken from a cement plant.
        Later reports placed the raid at [Kayse]{place}.
        :::

        """
    static let expectedDiagnostics: Set<EditorDiagnostic> = [
        EditorDiagnostic(rule: "count-text-mismatch", line: 9),
        EditorDiagnostic(rule: "unknown-place", line: 10),
    ]
    static let cleanLine = 8
    /// The hover is requested on the first letter after this text.
    static let hoverAnchor = "[Kayes]"
    static let hoverMustName = "Kayes"

    static let completionDocument = """
        ::: incident segou-2025-07-02 date=2025-07-02 place=Seg
        :::

        """
    /// Completion is requested right after this text (Neovim's normal-mode
    /// cursor stops on the last character, so there the typed prefix is "Se").
    static let completionAnchor = "place=Seg"
    /// Items are labelled with the entry's name; the id goes into the text edit.
    static let expectedCompletion = "Ségou"

    // MARK: - VS Code manifest

    @Test
    func vsCodeManifestDeclaresLanguageGrammarAndClient() throws {
        let folder = ExternalTool.packageRoot.appendingPathComponent("EditorConfigs/vscode")
        let data = try Data(contentsOf: folder.appendingPathComponent("package.json"))
        let manifest = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let contributes = try #require(manifest["contributes"] as? [String: Any])

        let languages = try #require(contributes["languages"] as? [[String: Any]])
        let tally = try #require(languages.first { $0["id"] as? String == "tally" })
        #expect((tally["extensions"] as? [String])?.contains(".tally") == true)
        #expect(tally["configuration"] is String)

        let grammars = try #require(contributes["grammars"] as? [[String: Any]])
        let grammar = try #require(grammars.first { $0["language"] as? String == "tally" })
        #expect(grammar["scopeName"] as? String == "text.tally")
        #expect(grammar["path"] is String)

        let events = try #require(manifest["activationEvents"] as? [String])
        #expect(events.contains("onLanguage:tally"))
        let main = try #require(manifest["main"] as? String)
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent(main).path), "main \(main) missing")
        #expect(manifest["engines"] is [String: Any])
        let dependencies = manifest["dependencies"] as? [String: Any]
        #expect(dependencies?["vscode-languageclient"] != nil)
        let properties = (contributes["configuration"] as? [String: Any])?["properties"] as? [String: Any]
        #expect(properties?["tally.server.path"] != nil, "the server path must be configurable")
    }

    // MARK: - Neovim

    @Test
    func neovimShowsDiagnosticsHoverAndCompletion() throws {
        let name = "Neovim end-to-end test"
        guard let nvim = ExternalTool.find("nvim") else {
            ExternalTool.unavailable(name, "nvim is not on PATH (apt-get install neovim)")
            return
        }
        guard let server = Self.serverOrReason(name) else { return }
        let session = try Self.runEditor(
            nvim, ["--headless", "-u", "NONE", "-i", "NONE", "-n", "-c", "luafile {driver}"],
            driver: Self.neovimDriver, driverName: "driver.lua", server: server)
        Self.check(session, editor: "Neovim", filetype: "tally")
    }

    // MARK: - Emacs

    @Test
    func emacsEglotShowsDiagnosticsHoverAndCompletion() throws {
        let name = "Emacs/eglot end-to-end test"
        guard let emacs = ExternalTool.find("emacs") else {
            ExternalTool.unavailable(name, "emacs is not on PATH (apt-get install emacs-nox elpa-eglot)")
            return
        }
        guard let server = Self.serverOrReason(name) else { return }
        // --no-init-file rather than -Q: Debian's site-start puts elpa-eglot on the load path.
        let session = try Self.runEditor(
            emacs, ["--batch", "--no-init-file", "-l", "{driver}"],
            driver: Self.emacsDriver, driverName: "driver.el", server: server)
        if session.lines.contains("NO-EGLOT") {
            ExternalTool.unavailable(name, "eglot is not installed for \(emacs.path) (apt-get install elpa-eglot)")
            return
        }
        Self.check(session, editor: "Emacs", filetype: "tally-mode")
        #expect(Set(session.flymakeLines).isSuperset(of: Self.expectedDiagnostics.map(\.line)),
                "Emacs: flymake shows diagnostics on lines \(session.flymakeLines)\n\(session.transcript)")
    }

    // MARK: - Without the server

    /// Helix, Sublime Text and Kate cannot run here: their files are parsed and
    /// cross-checked against the grammar by a Python script.
    @Test
    func staticEditorConfigurationsParseAndNameTheServer() throws {
        let root = ExternalTool.packageRoot
        let python = root.appendingPathComponent(".build/venv/bin/python")
        guard FileManager.default.isExecutableFile(atPath: python.path) else {
            ExternalTool.unavailable("editor configuration check", "no virtual environment at .build/venv (python3 -m venv .build/venv)")
            return
        }
        let script = root.appendingPathComponent("Tests/Tools/grammar/check_editor_configs.py")
        let run = try ExternalTool.run(python, [script.path, "--root", root.path], timeout: 120)
        #expect(run.status == 0 && !run.timedOut, "check_editor_configs.py failed:\n\(run.output)")
    }

    /// tally-mode's font-lock on the grammar sample, in batch Emacs (no server needed).
    @Test
    func emacsTallyModeFontLocksTheConstructs() throws {
        guard let emacs = ExternalTool.find("emacs") else {
            ExternalTool.unavailable("Emacs font-lock test", "emacs is not on PATH (apt-get install emacs-nox)")
            return
        }
        let root = ExternalTool.packageRoot
        let probes: [(text: String, occurrence: Int, face: String)] = [
            ("title", 1, "font-lock-variable-name-face"),
            ("%% annotator", 1, "font-lock-comment-face"),
            ("incident", 1, "font-lock-keyword-face"),
            ("kayes-2025-07-01", 1, "font-lock-function-name-face"),
            ("the group", 1, "tally-tag-text-face"),
            ("actor", 1, "font-lock-type-face"),
            ("130+", 1, "font-lock-constant-face"),
            ("\"figure", 1, "font-lock-string-face"),
            ("note=", 1, "font-lock-variable-name-face"),
            ("File: Reuters", 1, "nil"),
        ]
        let probeForms = probes.map { probe in
            let escaped = probe.text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            return "(\"\(escaped)\" \(probe.occurrence))"
        }.joined(separator: " ")
        let program = """
            (progn
              (add-to-list 'load-path (expand-file-name "EditorConfigs/emacs" (getenv "TALLY_REPO")))
              (require 'tally-mode)
              (find-file (expand-file-name "Grammar/grammar-samples/constructs.tally" (getenv "TALLY_REPO")))
              (princ (format "MODE %s\\n" major-mode))
              (font-lock-ensure)
              (dolist (probe '(\(probeForms)))
                (goto-char (point-min))
                (when (search-forward (car probe) nil t (cadr probe))
                  (princ (format "FACE %s\\n" (get-text-property (match-beginning 0) 'face))))))
            """
        let run = try ExternalTool.run(
            emacs, ["--batch", "-Q", "--eval", program], environment: ["TALLY_REPO": root.path], timeout: 60)
        let lines = run.output.split(separator: "\n").map(String.init)
        #expect(lines.contains("MODE tally-mode"), "\(run.output)")
        let faces = lines.filter { $0.hasPrefix("FACE ") }.map { String($0.dropFirst(5)) }
        #expect(faces.count == probes.count, "\(run.output)")
        for (probe, face) in zip(probes, faces) {
            #expect(face == probe.face, "\(probe.text): \(face), expected \(probe.face)")
        }
    }

    // MARK: - Shared steps

    /// The built server, or nil after reporting why it cannot be used.
    private static func serverOrReason(_ name: String) -> URL? {
        let server = ExternalTool.packageRoot.appendingPathComponent(".build/debug/tally")
        guard FileManager.default.isExecutableFile(atPath: server.path) else {
            ExternalTool.unavailable(name, "no server binary at .build/debug/tally (swift build)")
            return nil
        }
        if let problem = ExternalTool.languageServerProblem(server) {
            ExternalTool.unavailable(name, "`tally lsp` does not answer initialize: \(problem)")
            return nil
        }
        return server
    }

    private static func runEditor(
        _ editor: URL, _ arguments: [String], driver: String, driverName: String, server: URL
    ) throws -> EditorSession {
        let folder = try ExternalTool.makeTemporaryDirectory("tally-editor")
        defer { try? FileManager.default.removeItem(at: folder) }
        let document = folder.appendingPathComponent("planted.tally")
        let completion = folder.appendingPathComponent("complete.tally")
        let driverFile = folder.appendingPathComponent(driverName)
        let results = folder.appendingPathComponent("results.txt")
        try plantedDocument.write(to: document, atomically: true, encoding: .utf8)
        try completionDocument.write(to: completion, atomically: true, encoding: .utf8)
        try driver.write(to: driverFile, atomically: true, encoding: .utf8)

        let environment = [
            "TALLY_REPO": ExternalTool.packageRoot.path,
            "TALLY_SERVER": server.path,
            "TALLY_DOC": document.path,
            "TALLY_COMPLETION_DOC": completion.path,
            "TALLY_OUT": results.path,
            "TALLY_HOVER_TEXT": hoverAnchor,
            "TALLY_COMPLETION_AFTER": completionAnchor,
            "TALLY_TIMEOUT_MS": "20000",
        ]
        let run = try ExternalTool.run(
            editor, arguments.map { $0.replacingOccurrences(of: "{driver}", with: driverFile.path) },
            environment: environment, directory: folder, timeout: 180)
        let text = (try? String(contentsOf: results, encoding: .utf8)) ?? ""
        return EditorSession(resultText: text, editorOutput: run.output, timedOut: run.timedOut)
    }

    private static func check(_ session: EditorSession, editor: String, filetype: String) {
        let transcript = session.transcript
        #expect(!session.timedOut, "\(editor) did not finish\n\(transcript)")
        #expect(session.errors.isEmpty, "\(editor) driver errors: \(session.errors)\n\(transcript)")
        #expect(session.filetype == filetype, "\(editor): filetype \(session.filetype ?? "none")\n\(transcript)")
        #expect(session.attached, "\(editor): the client did not attach\n\(transcript)")
        let missing = expectedDiagnostics.subtracting(session.diagnostics)
        #expect(missing.isEmpty, "\(editor): missing diagnostics \(missing.sorted())\n\(transcript)")
        let onCleanLine = session.diagnostics.filter { $0.line == cleanLine }
        #expect(onCleanLine.isEmpty, "\(editor): unexpected diagnostics on line \(cleanLine): \(onCleanLine)\n\(transcript)")
        #expect(session.hovers.contains { $0.contains(hoverMustName) },
                "\(editor): no hover naming \(hoverMustName)\n\(transcript)")
        #expect(session.completions.contains(expectedCompletion),
                "\(editor): completion after \(completionAnchor) lacks \(expectedCompletion)\n\(transcript)")
    }

    // MARK: - Editor drivers (written to a temporary folder and run by the editor)

    /// Neovim 0.7+: loads EditorConfigs/neovim/lua/tally.lua. `-u NONE` turns
    /// filetype detection off, so the shipped autocommands must do it.
    static let neovimDriver = #"""
        local env = function(name) return assert(os.getenv(name), name .. ' not set') end
        local repo, server, doc, completion_doc, out =
          env('TALLY_REPO'), env('TALLY_SERVER'), env('TALLY_DOC'), env('TALLY_COMPLETION_DOC'), env('TALLY_OUT')
        local timeout = tonumber(os.getenv('TALLY_TIMEOUT_MS') or '20000')
        local results = {}
        local function emit(line) table.insert(results, (line:gsub('\n', ' '))) end

        local function attached(buf)
          return vim.wait(timeout, function() return next(vim.lsp.buf_get_clients(buf)) ~= nil end, 50)
        end

        local function find(buf, needle)
          for row, text in ipairs(vim.api.nvim_buf_get_lines(buf, 0, -1, false)) do
            local col = text:find(needle, 1, true)
            if col then return row, col - 1 end
          end
          error('no ' .. needle .. ' in buffer')
        end

        -- Neovim 0.7 reads pushed diagnostics only; requests go through buf_request_sync.
        local function request(buf, method)
          local responses, err = vim.lsp.buf_request_sync(buf, method, vim.lsp.util.make_position_params(), timeout)
          if not responses then
            emit('ERROR ' .. method .. ' ' .. tostring(err))
            return {}
          end
          local list = {}
          for _, response in pairs(responses) do
            if response.err then emit('ERROR ' .. method .. ' ' .. vim.inspect(response.err)) end
            if response.result then table.insert(list, response.result) end
          end
          return list
        end

        local function run()
          vim.opt.runtimepath:prepend(repo .. '/EditorConfigs/neovim')
          require('tally').setup({ cmd = { server, 'lsp' } })

          vim.cmd('edit ' .. vim.fn.fnameescape(doc))
          local buf = vim.api.nvim_get_current_buf()
          emit('FILETYPE ' .. vim.bo[buf].filetype)
          emit('ATTACHED ' .. tostring(attached(buf)))
          vim.wait(timeout, function() return #vim.diagnostic.get(buf) > 0 end, 50)
          for _, d in ipairs(vim.diagnostic.get(buf)) do
            local lsp = d.user_data and d.user_data.lsp or {}
            emit(('DIAG %s %d'):format(tostring(d.code or lsp.code), d.lnum + 1))
          end

          local row, col = find(buf, env('TALLY_HOVER_TEXT'))
          vim.api.nvim_win_set_cursor(0, { row, col + 1 })
          for _, result in ipairs(request(buf, 'textDocument/hover')) do
            local contents = result.contents
            local text = type(contents) == 'table' and (contents.value or vim.fn.json_encode(contents)) or tostring(contents)
            emit('HOVER ' .. text)
          end

          vim.cmd('edit ' .. vim.fn.fnameescape(completion_doc))
          local cbuf = vim.api.nvim_get_current_buf()
          attached(cbuf)
          local needle = env('TALLY_COMPLETION_AFTER')
          local crow, ccol = find(cbuf, needle)
          vim.api.nvim_win_set_cursor(0, { crow, ccol + #needle })
          for _, result in ipairs(request(cbuf, 'textDocument/completion')) do
            for _, item in ipairs(result.items or result) do
              emit('COMPLETION ' .. item.label)
            end
          end
        end

        local ok, err = pcall(run)
        if not ok then emit('ERROR ' .. tostring(err)) end
        vim.fn.writefile(results, out)
        for _, client in pairs(vim.lsp.get_active_clients()) do client.stop() end
        vim.wait(5000, function() return next(vim.lsp.get_active_clients()) == nil end, 50)
        vim.cmd('qa!')
        """#

    /// Emacs 28 + eglot 1.9: loads EditorConfigs/emacs/tally-mode.el. Eglot
    /// needs a project (a transient one here) and, in batch mode, is started
    /// with `eglot' itself because `eglot-ensure' waits for a command loop.
    static let emacsDriver = #"""
        ;;; -*- lexical-binding: t; -*-
        (require 'cl-lib)
        (require 'subr-x)
        (defvar tally-test-results nil)
        (defvar tally-test-published nil)
        (defun tally-test-emit (line) (push (replace-regexp-in-string "\n" " " line) tally-test-results))
        (defun tally-test-env (name) (or (getenv name) (error "%s not set" name)))
        (defconst tally-test-timeout (/ (string-to-number (or (getenv "TALLY_TIMEOUT_MS") "20000")) 1000.0))

        (defun tally-test-wait (predicate)
          "Run timers and process output until PREDICATE holds or the timeout passes."
          (let ((deadline (+ (float-time) tally-test-timeout)))
            (while (and (not (funcall predicate)) (< (float-time) deadline))
              (accept-process-output nil 0.05))
            (funcall predicate)))

        (defun tally-test-goto (needle offset)
          (goto-char (point-min))
          (unless (search-forward needle nil t) (error "no %s in buffer" needle))
          (goto-char (+ (match-beginning 0) offset)))

        (defun tally-test-run ()
          (package-initialize)
          (unless (require 'eglot nil t)
            (tally-test-emit "NO-EGLOT")
            (error "eglot is not installed"))
          ;; As EditorConfigs/emacs/README.md says.
          (add-to-list 'load-path (expand-file-name "EditorConfigs/emacs" (tally-test-env "TALLY_REPO")))
          (require 'tally-mode)
          (setq tally-executable (tally-test-env "TALLY_SERVER"))
          (let ((root (file-name-directory (tally-test-env "TALLY_DOC"))))
            (add-hook 'project-find-functions (lambda (_dir) (cons 'transient root))))
          ;; Keep what the server pushes, codes included, before eglot hands it to flymake.
          (cl-defmethod eglot-handle-notification :before
            (_server (_method (eql textDocument/publishDiagnostics)) &key uri diagnostics &allow-other-keys)
            (push (cons uri diagnostics) tally-test-published))
          (find-file (tally-test-env "TALLY_DOC"))
          (tally-test-emit (format "FILETYPE %s" major-mode))
          (apply #'eglot (eglot--guess-contact))
          (tally-test-emit (format "ATTACHED %s" (if (eglot-current-server) "true" "false")))
          (let ((uri (eglot--path-to-uri (buffer-file-name))))
            (tally-test-wait (lambda () (assoc uri tally-test-published)))
            (seq-doseq (d (cdr (assoc uri tally-test-published)))
              (tally-test-emit (format "DIAG %s %d" (plist-get d :code)
                                       (1+ (plist-get (plist-get (plist-get d :range) :start) :line))))))
          (tally-test-wait (lambda () (flymake-diagnostics)))
          (dolist (d (flymake-diagnostics))
            (tally-test-emit (format "FLYMAKE %d" (line-number-at-pos (flymake-diagnostic-beg d)))))
          (tally-test-goto (tally-test-env "TALLY_HOVER_TEXT") 1)
          (let* ((hover (jsonrpc-request (eglot--current-server-or-lose) :textDocument/hover
                                         (eglot--TextDocumentPositionParams)))
                 (contents (plist-get hover :contents)))
            (tally-test-emit (concat "HOVER " (if (stringp contents) contents
                                                (or (plist-get contents :value) (format "%S" contents))))))
          (find-file (tally-test-env "TALLY_COMPLETION_DOC"))
          (tally-test-wait (lambda () (eglot-current-server)))
          (let ((needle (tally-test-env "TALLY_COMPLETION_AFTER")))
            (tally-test-goto needle (length needle)))
          (let* ((response (jsonrpc-request (eglot--current-server-or-lose) :textDocument/completion
                                            (eglot--TextDocumentPositionParams)))
                 (items (if (vectorp response) response (plist-get response :items))))
            (seq-doseq (item items)
              (tally-test-emit (concat "COMPLETION " (plist-get item :label))))))

        (condition-case err
            (tally-test-run)
          (error (tally-test-emit (format "ERROR %S" err))))
        (with-temp-file (getenv "TALLY_OUT")
          (insert (string-join (reverse tally-test-results) "\n") "\n"))
        (when (and (fboundp 'eglot-current-server) (eglot-current-server))
          (ignore-errors (eglot-shutdown (eglot-current-server))))
        (kill-emacs 0)
        """#
}

/// A diagnostic as an editor showed it: the LSP `code` (the rule name) and the 1-based line.
struct EditorDiagnostic: Hashable, Comparable, CustomStringConvertible {
    let rule: String
    let line: Int

    static func < (left: EditorDiagnostic, right: EditorDiagnostic) -> Bool {
        (left.line, left.rule) < (right.line, right.rule)
    }

    var description: String { "\(rule)@\(line)" }
}

/// What an editor driver wrote, one `KEY value` per line.
struct EditorSession {
    let lines: [String]
    let editorOutput: String
    let timedOut: Bool

    init(resultText: String, editorOutput: String, timedOut: Bool) {
        lines = resultText.split(separator: "\n").map(String.init)
        self.editorOutput = editorOutput
        self.timedOut = timedOut
    }

    private func values(_ key: String) -> [String] {
        lines.compactMap { $0.hasPrefix(key + " ") ? String($0.dropFirst(key.count + 1)) : nil }
    }

    var filetype: String? { values("FILETYPE").first }
    var attached: Bool { values("ATTACHED").first == "true" }
    var hovers: [String] { values("HOVER") }
    var completions: [String] { values("COMPLETION") }
    var errors: [String] { values("ERROR") }
    var flymakeLines: [Int] { values("FLYMAKE").compactMap { Int($0) } }
    var diagnostics: Set<EditorDiagnostic> {
        Set(values("DIAG").compactMap { value in
            let parts = value.split(separator: " ")
            guard parts.count == 2, let line = Int(parts[1]) else { return nil }
            return EditorDiagnostic(rule: String(parts[0]), line: line)
        })
    }

    var transcript: String {
        "--- driver results ---\n\(lines.joined(separator: "\n"))\n--- editor output ---\n\(editorOutput)"
    }
}

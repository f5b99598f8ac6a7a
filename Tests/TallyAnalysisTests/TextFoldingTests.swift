import Testing
@testable import TallyAnalysis

@Suite struct TextFoldingTests {
    @Test(arguments: [
        ("Ségou", "segou"), ("SEGOU", "segou"), ("Ténenkou", "tenenkou"), ("Ménaka", "menaka"),
        ("Djenné", "djenne"), ("Côte d’Ivoire", "cote d'ivoire"), ("Ɲooro", "nyooro"),
        ("Ké-Macina", "ke macina"), ("Nioro_du_Sahel", "nioro du sahel"), ("  Nioro   du\tSahel ", "nioro du sahel"),
        ("[Segou]", "segou"), ("Straße", "strasse"), ("Ørsted", "orsted"), ("ŋaaba", "ngaaba"),
    ])
    func foldsToMatchingKey(input: String, expected: String) {
        #expect(TextFolding.fold(input) == expected)
    }

    @Test func apostropheVariantsAreUnified() {
        let plain = TextFolding.fold("Jama'at Nusrat al-Islam wal-Muslimin")
        #expect(plain == "jama'at nusrat al islam wal muslimin")
        for variant in ["Jama’at", "Jama‘at", "Jamaʼat", "Jama`at", "Jama′at", "Jama´at"] {
            #expect(TextFolding.fold(variant + " Nusrat al-Islam wal-Muslimin") == plain, "\(variant)")
        }
    }

    @Test func decomposedInputFoldsLikeComposed() {
        let decomposed = "Se\u{0301}gou"
        #expect(TextFolding.fold(decomposed) == "segou")
    }

    @Test func otherScriptsAreLowercasedAndKept() {
        #expect(TextFolding.fold("Каес") == "каес")
        #expect(TextFolding.fold("كايس") == "كايس")
    }

    @Test func quotesAtTheEdgesAreDropped() {
        #expect(TextFolding.fold("'Segou'") == "segou")
        #expect(TextFolding.fold("“Kayes”") == "kayes")
        #expect(TextFolding.fold("...") == "")
    }

    @Test func asciiAndScalarPathsAgree() {
        // The same ASCII text folded through the byte path and, with one
        // accented letter appended, through the scalar path.
        let text = "Nioro-du-Sahel, (Kayes) _Region_"
        #expect(TextFolding.fold(text + " é") == TextFolding.fold(text) + " e")
    }

    @Test func wordsAndWordStarts() {
        #expect(TextFolding.words(ofFolded: "nioro du sahel") == ["nioro", "du", "sahel"])
        #expect(TextFolding.foldedWords("Nioro-du-Sahel") == ["nioro", "du", "sahel"])
        #expect(TextFolding.wordStarts(ofFolded: Array("nioro du sahel".utf8)) == [0, 6, 9])
        // An elided article starts a word after its apostrophe; `jama'at` does not.
        #expect(TextFolding.wordStarts(ofFolded: Array("cote d'ivoire".utf8)) == [0, 5, 7])
        #expect(TextFolding.wordStarts(ofFolded: Array("jama'at".utf8)) == [0])
    }
}

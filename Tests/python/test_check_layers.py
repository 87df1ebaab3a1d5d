"""scripts/check-layers on small made-up source trees: what it allows and what it reports."""
import pathlib
import subprocess
import sys

ROOT = pathlib.Path(__file__).resolve().parents[2]
RULES = """
Model:
Parse: Model
Render: Model Parse
CLI: Render Model
io: CLI
io-types: DiskReader
c-module CCmark: CallbookCore/Parse/Converter.swift
"""


def run(tmp_path, files):
    sources = tmp_path / "Sources"
    for name, text in files.items():
        path = sources / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    rules = tmp_path / "layers.rules"
    rules.write_text(RULES)
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "check-layers"), "--rules", str(rules),
                             "--sources", str(sources)], capture_output=True, text=True, cwd=tmp_path)
    return result.returncode, result.stdout.splitlines()


def test_allowed_uses_pass(tmp_path):
    status, lines = run(tmp_path, {
        "CallbookCore/Model/Block.swift": "public struct Block {}\n",
        "CallbookCore/Parse/Converter.swift": "import CCmark\nstruct Converter { let block: Block }\n",
        "CallbookCore/Render/Page.swift": "struct Page { let c: Converter; let b: Block }\n",
        "callbook/Main.swift": "import Foundation\nlet page: Page? = nil\nlet m = FileManager.default\n",
    })
    assert (status, lines) == (0, [])


def test_a_backward_arrow_is_reported_with_file_and_line(tmp_path):
    status, lines = run(tmp_path, {
        "CallbookCore/Model/Block.swift": "public struct Block {}\n",
        "CallbookCore/Parse/Converter.swift": "struct Converter {\n  // Page in a comment is fine\n  let s = \"Page\"\n  let p: Page\n}\n",
        "CallbookCore/Render/Page.swift": "struct Page {}\n",
    })
    assert status == 1
    assert lines == ["Sources/CallbookCore/Parse/Converter.swift:4: Parse uses Page from Render (Parse may use: Model)"]


def test_file_access_c_imports_and_unknown_layers_are_reported(tmp_path):
    status, lines = run(tmp_path, {
        "CallbookCore/Model/Block.swift": "struct DiskReader {}\nlet x = try String(contentsOf: url)\n",
        "CallbookCore/Render/Page.swift": "import CCmark\nlet r = DiskReader()\n",
        "CallbookCore/Extra/Thing.swift": "struct Thing {}\n",
    })
    assert status == 1
    assert "Sources/CallbookCore/Model/Block.swift:2: file-system access in Model, which may not read or write files: " \
           "let x = try String(contentsOf: url)" in lines
    assert any(line.startswith("Sources/CallbookCore/Render/Page.swift:2: file-system access in Render") for line in lines)
    assert not any("Render uses DiskReader" in line for line in lines), "Render may use Model's types"
    assert "Sources/CallbookCore/Render/Page.swift:1: imports the C module CCmark, which only " \
           "CallbookCore/Parse/Converter.swift may import" in lines
    assert any(line.startswith("Sources/CallbookCore/Extra/Thing.swift:1: layer Extra has no rule") for line in lines)


def test_a_type_name_declared_in_two_layers_is_reported(tmp_path):
    status, lines = run(tmp_path, {
        "CallbookCore/Model/Block.swift": "struct Block {}\n",
        "CallbookCore/Parse/Block.swift": "struct Block {}\n",
    })
    assert status == 1
    assert "Sources: the type name Block is declared at the top level in Model, Parse" in lines


def test_members_and_nested_types_added_to_another_layers_type_are_uses_of_the_adding_layer(tmp_path):
    status, lines = run(tmp_path, {
        "CallbookCore/Model/Block.swift": "public struct Block { var kind: Int }\n",
        "CallbookCore/Render/BlockStyle.swift": "extension Block {\n  var isParagraph: Bool { kind == 0 }\n"
                                                "  static func cssLength(_ s: String) -> String { s }\n  struct Style {}\n"
                                                "  private var hidden: Int { 1 }\n}\n",
        "CallbookCore/Parse/Figure.swift": "struct Figure {\n  func f(b: Block) {\n    if b.isParagraph {}\n"
                                           "    let s: Block.Style? = nil\n    _ = Block.cssLength(\"1\")\n    _ = b.hidden\n  }\n}\n",
        "callbook/Main.swift": "let b = Block(kind: 0)\nlet p = b.isParagraph\n",
    })
    assert status == 1
    assert lines == [
        "Sources/CallbookCore/Parse/Figure.swift:3: Parse uses .isParagraph, which Render adds to Block (Parse may use: Model)",
        "Sources/CallbookCore/Parse/Figure.swift:4: Parse uses Style, which Render declares in Block (Parse may use: Model)",
        "Sources/CallbookCore/Parse/Figure.swift:5: Parse uses .cssLength, which Render adds to Block (Parse may use: Model)",
    ]


def test_a_member_name_the_layer_may_use_from_elsewhere_is_not_a_back_edge(tmp_path):
    status, lines = run(tmp_path, {
        "CallbookCore/Model/Block.swift": "public struct Block {\n  var title: String\n}\n",
        "CallbookCore/Render/Extras.swift": "extension String {\n  var title: String { self }\n}\n",
        "CallbookCore/Parse/Figure.swift": "func f(b: Block) -> String { b.title }\n",
    })
    assert (status, lines) == (0, [])


def test_free_functions_belong_to_their_layer(tmp_path):
    status, lines = run(tmp_path, {
        "CallbookCore/Model/Block.swift": "public struct Block {}\nfunc normalize(_ s: String) -> String { s }\n",
        "CallbookCore/Render/Escape.swift": "func escapeHTML(_ s: String) -> String { s }\n"
                                            "private func helper() {}\n",
        "CallbookCore/Parse/Figure.swift": "struct Figure {\n  let a = normalize(\"x\")\n  let b = escapeHTML(\"x\")\n"
                                           "  let c = helper()\n  let d = thing.escapeHTML(\"x\")\n}\n",
    })
    assert status == 1
    assert lines == ["Sources/CallbookCore/Parse/Figure.swift:3: Parse calls escapeHTML(), a function of Render (Parse may use: Model)"]


def test_descriptor_process_and_network_calls_are_file_system_access(tmp_path):
    status, lines = run(tmp_path, {
        "CallbookCore/Model/Block.swift": "public struct Block {}\n",
        "CallbookCore/Parse/Reader.swift": "import Glibc\nstruct Reader {\n  let fd = open(path, O_RDONLY)\n"
                                           "  let n = Glibc.read(fd, buffer, 10)\n  let p = Process()\n"
                                           "  let s = URLSession.shared\n  let v = try url.resourceValues(forKeys: [])\n"
                                           "  let e = FileHandle.standardError\n  let w = writer.write(x)\n}\n",
        "CallbookCore/Render/Page.swift": "struct Page {\n  func close(_ x: Int) {}\n  func f() { close(1) }\n}\n",
    })
    assert status == 1
    found = [line.split(": file-system access")[0] for line in lines]
    assert found == [f"Sources/CallbookCore/Parse/Reader.swift:{number}" for number in range(3, 9)]
    assert all("file-system access in Parse, which may not read or write files" in line for line in lines)

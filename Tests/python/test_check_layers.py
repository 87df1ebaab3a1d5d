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

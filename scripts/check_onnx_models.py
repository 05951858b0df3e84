"""Validates ONNX models with the ONNX checker (full check: schema, types, shape inference).
Used by `npm run test:system` (Debian's python3-onnx): /usr/bin/python3 scripts/check_onnx_models.py DIR
Prints one JSON object: {"checked": n, "failures": [[file, message], ...]}."""
import glob, json, os, sys
import onnx

failures = []
files = sorted(glob.glob(os.path.join(sys.argv[1], '*.onnx')))
for f in files:
    try:
        onnx.checker.check_model(onnx.load(f), full_check=True)
    except Exception as e:  # the checker raises several exception types
        failures.append([os.path.basename(f), str(e).split('\n')[0]])
print(json.dumps({'checked': len(files), 'onnx': onnx.__version__, 'failures': failures}))

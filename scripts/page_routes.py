"""CloudFront's page routes, from web/pages.json (``devserver.pages``).

The local server and Vite's dev server read web/pages.json; CloudFront cannot, so
this writes its viewer-request function (PageRewriteFunction's code, between the
``page-routes`` markers in infra/template.yaml) from it.

    python -m scripts.page_routes           # rewrite the block
    python -m scripts.page_routes --check   # exit 1 if the template is stale
"""

from __future__ import annotations

import json

from devserver.pages import Pages, load
from scripts.template_blocks import generator_main

BLOCK = "page-routes"
_INDENT = " " * 6  # PageRewriteFunction's properties


def render(pages: Pages) -> str:
    """PageRewriteFunction's code (cloudfront-js-2.0): answer the redirects, point each
    page route at its HTML file, pass every other path through unchanged."""
    redirects = json.dumps(pages.redirects, sort_keys=True)
    table = ",\n".join(
        f"    [/{_js_regex(p.pattern)}/, {json.dumps('/' + p.html)}]" for p in pages.pages
    )
    code = f"""function handler(event) {{
  var request = event.request;
  var redirects = {redirects};
  var pages = [
{table}
  ];
  var target = redirects[request.uri];
  if (target !== undefined) {{
    var location = {{ location: {{ value: target }} }};
    return {{ statusCode: 302, statusDescription: "Found", headers: location }};
  }}
  for (var i = 0; i < pages.length; i++) {{
    if (pages[i][0].test(request.uri)) {{
      request.uri = pages[i][1];
      break;
    }}
  }}
  return request;
}}
"""
    lines = ["FunctionCode: |", *(f"  {line}" for line in code.splitlines())]
    return "".join(f"{_INDENT}{line}\n" for line in lines)


def _js_regex(pattern: str) -> str:
    """``pattern`` as a JavaScript regular expression literal's body."""
    return pattern.replace("/", "\\/")


def main(argv: list[str] | None = None) -> int:
    return generator_main(BLOCK, lambda: render(load()), __doc__ or "", argv)


if __name__ == "__main__":
    raise SystemExit(main())

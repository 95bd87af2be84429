from conftest import build, table_rows


def test_component_table_lists_components(make_project):
    src = make_project(
        {
            "index.rst": (
                "Index\n=====\n\n"
                ".. arch-component:: api\n   :title: API\n   :layer: application\n\n"
                ".. arch-component-table::\n"
            )
        }
    )
    result = build(src)
    assert result.archdoc_warnings() == []
    assert table_rows(result.html(), "archdoc-component-table") == [
        ["api", "API", "application", "", "", ""]
    ]

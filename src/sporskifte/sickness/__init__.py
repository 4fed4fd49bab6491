"""The caseworker's screening workflow for sickness-benefit spells.

`actions` holds the named actions (re-exported by `casework.actions`); `law` turns a case into
the rules' facts, timeline, contact plan and alerts; `screener` asks `sporskifte.screening`;
`queries` reads worklists and overviews; `views`, `public_views` and `urls` present them.
"""

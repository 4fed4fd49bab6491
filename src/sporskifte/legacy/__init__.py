"""Migration history of apps that no longer hold code.

The first layout kept persons, register records and the sickness-benefit case in one app,
`casework`. Its models moved to `citizens` and `sickness` by state-only migrations; the
`casework` label stays installed so that its migrations (which created the tables) still run
on a new database and stay recorded on an existing one. Nothing imports this package.
"""

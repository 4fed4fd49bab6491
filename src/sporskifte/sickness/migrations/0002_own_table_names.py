from django.db import migrations


class Migration(migrations.Migration):
    """The tables take this app's name (a rename; every row stays)."""

    dependencies = [
        ('sickness', '0001_initial'),
        ('casework', '0005_models_moved_to_citizens_and_sickness'),
    ]

    operations = [
        migrations.AlterModelTable(name='spellcase', table=None),
        migrations.AlterModelTable(name='screening', table=None),
        migrations.AlterModelTable(name='review', table=None),
        migrations.AlterModelTable(name='contactdue', table=None),
    ]

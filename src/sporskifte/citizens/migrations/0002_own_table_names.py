from django.db import migrations


class Migration(migrations.Migration):
    """The tables take this app's name (a rename; every row stays)."""

    dependencies = [
        ('citizens', '0001_initial'),
        ('casework', '0005_models_moved_to_citizens_and_sickness'),
    ]

    operations = [
        migrations.AlterModelTable(name='person', table=None),
        migrations.AlterModelTable(name='sicknessspell', table=None),
        migrations.AlterModelTable(name='course', table=None),
        migrations.AlterModelTable(name='household', table=None),
        migrations.AlterModelTable(name='contact', table=None),
        migrations.AlterModelTable(name='alert', table=None),
        migrations.AlterModelTable(name='teamdistrict', table=None),
    ]

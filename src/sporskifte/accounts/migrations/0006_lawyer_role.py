# The jurist role (Lovgrundlag sign-off).

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('accounts', '0005_team_contact'),
    ]

    operations = [
        migrations.AlterField(
            model_name='user',
            name='role',
            field=models.CharField(choices=[('caseworker', 'Sagsbehandler'), ('team_leader', 'Teamleder'), ('analyst', 'Analytiker'), ('administrator', 'Administrator'), ('company_consultant', 'Virksomhedskonsulent'), ('lawyer', 'Jurist')], default='caseworker', max_length=20, verbose_name='rolle'),
        ),
    ]

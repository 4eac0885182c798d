"""Sensitive texts encrypted at rest: the columns become EncryptedTextField (0005 encrypts what is stored; data
changes come after the schema's, in their own migration, for PostgreSQL)."""

from django.db import migrations

import integra.core.fields


class Migration(migrations.Migration):

    dependencies = [
        ('cooperation', '0004_emergency_access_level'),
    ]

    operations = [
        migrations.AddField(
            model_name='timelineentry',
            name='detail',
            field=integra.core.fields.EncryptedTextField(blank=True),
        ),
        migrations.AlterField(
            model_name='action',
            name='title',
            field=integra.core.fields.EncryptedTextField(max_length=300, verbose_name='action'),
        ),
        migrations.AlterField(
            model_name='caseconference',
            name='agenda',
            field=integra.core.fields.EncryptedTextField(blank=True, verbose_name='agenda'),
        ),
        migrations.AlterField(
            model_name='document',
            name='title',
            field=integra.core.fields.EncryptedTextField(max_length=200, verbose_name='title'),
        ),
        migrations.AlterField(
            model_name='emergencyaccess',
            name='reason',
            field=integra.core.fields.EncryptedTextField(verbose_name='reason'),
        ),
        migrations.AlterField(
            model_name='flag',
            name='detail',
            field=integra.core.fields.EncryptedTextField(blank=True, max_length=200, verbose_name='detail'),
        ),
        migrations.AlterField(
            model_name='referral',
            name='decision_reason',
            field=integra.core.fields.EncryptedTextField(blank=True, verbose_name='reason for the decision'),
        ),
        migrations.AlterField(
            model_name='referral',
            name='reason',
            field=integra.core.fields.EncryptedTextField(verbose_name='reason'),
        ),
        migrations.AlterField(
            model_name='sharingbasis',
            name='evidence',
            field=integra.core.fields.EncryptedTextField(blank=True, help_text='Where the signed consent form or legal decision is kept.', verbose_name='evidence'),
        ),
    ]

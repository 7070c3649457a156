from __future__ import annotations

from django import forms
from django.core.validators import URLValidator


class UrlForm(forms.Form):
    # A plain text field: a URL we refuse (file://, a private address) still becomes a
    # job that fails with the reason, the same as from the command line.
    url = forms.CharField(label="Article URL", max_length=2000)


class TextForm(forms.Form):
    # Not stripped and not required: the text is kept exactly, and empty input becomes a
    # failed job that says so.
    text = forms.CharField(label="Article text", widget=forms.Textarea, strip=False, required=False)


class HtmlForm(forms.Form):
    html = forms.CharField(label="Article HTML", widget=forms.Textarea, strip=False, required=False)


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ".html,.htm,.txt,.zip"}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data]
        return [single(data, initial)]


class FilesForm(forms.Form):
    files = MultipleFileField(label="Files (.html, .htm, .txt, .zip)")


class FeedForm(forms.Form):
    url = forms.URLField(
        label="Feed URL",
        max_length=2000,
        assume_scheme="https",
        validators=[URLValidator(schemes=["http", "https"])],
    )
    poll_interval_minutes = forms.IntegerField(
        label="Poll every (minutes)", min_value=5, max_value=7 * 24 * 60, initial=60
    )

    def clean_url(self):
        from .models import Feed

        url = self.cleaned_data["url"].strip()
        if Feed.objects.filter(url=url).exists():
            raise forms.ValidationError("This feed is already registered.")
        return url

from __future__ import annotations

from django import forms

from positions.models import Actor, Stance, Statement, Topic

STATE_CHOICES = [
    ("", "Any state"),
    ("open", "Open (flagged or unreviewed)"),
    *Statement.ReviewState.choices,
]


class QueueFilterForm(forms.Form):
    topic = forms.ModelChoiceField(Topic.objects.all(), required=False)
    actor = forms.ModelChoiceField(Actor.objects.all(), required=False)
    stance = forms.ChoiceField(choices=[("", "Any stance"), *Stance.choices], required=False)
    review_state = forms.ChoiceField(choices=STATE_CHOICES, required=False)
    article = forms.IntegerField(required=False, min_value=1)


class ActorForm(forms.ModelForm):
    class Meta:
        model = Actor
        fields = ["name", "kind", "role", "affiliation", "country", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}


class AliasForm(forms.Form):
    surface = forms.CharField(max_length=300, label="New alias")


class MergeForm(forms.Form):
    target = forms.ModelChoiceField(Actor.objects.active(), label="Merge into")


class TagSpanForm(forms.Form):
    start = forms.IntegerField(min_value=0)
    end = forms.IntegerField(min_value=1)
    quote = forms.CharField(strip=False, widget=forms.HiddenInput)
    actor = forms.ModelChoiceField(Actor.objects.active(), label="Speaker")
    speaker_mention = forms.CharField(max_length=300, required=False, label="Speaker as written")
    topic = forms.ModelChoiceField(Topic.objects.filter(is_active=True))
    stance = forms.ChoiceField(choices=Stance.choices)
    is_direct = forms.BooleanField(required=False, initial=True, label="Direct quote")
    statement_date = forms.DateField(
        required=False,
        label="Statement date",
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )

    def clean(self):
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if start is not None and end is not None and end <= start:
            raise forms.ValidationError("The end offset must be after the start offset.")
        return data

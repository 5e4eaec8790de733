"""Custom actions for the SEND assistant (rasa-sdk action server: `rasa run actions --actions actions`).

One module per topic; the actions never touch the web app's database, they call its internal API
(`portal_api`) with the service token and pass on the parent's signed user token.
"""

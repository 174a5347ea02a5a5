"""Use cases: one function per thing a person does, taking a session and ids and returning
`Changes`. The CLI and the app call these and nothing else to change the data.

- `planning`: create a profile with its plan, edit or delete a profile, new plan, re-plan.
- `tracking`: tick, untick, start, skip, reopen, log hours, notes, evidence, add, edit,
  move and remove deliverables.
- `roles`: save, delete and import own roles.
- `transfer`: export and import a whole profile.
- `history`: undo and redo.
- `demo`: open the demo profile.
"""

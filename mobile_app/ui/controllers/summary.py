"""The summary for a doctor's verbs: a second language, and the PDF."""

from __future__ import annotations

from typing import TYPE_CHECKING

from mobile_app.followup import report

from ..summaries import make_summaries

if TYPE_CHECKING:
    from ..controller import Controller


class SummaryController:
    def __init__(self, app: Controller) -> None:
        self.app = app

    async def set_language(self, lang: str | None) -> None:
        app = self.app
        app.session.summary_lang = None if lang in (None, app.state.lang) else lang
        app.render()

    def summaries(self) -> list[report.Summary]:
        app = self.app
        return make_summaries(app.state, app.records, app.session.summary_lang, app.clock().date())

    async def download(self) -> None:
        app = self.app
        route, paper, summaries = app.route, report.paper_for(app.state.country), self.summaries()
        try:
            pdf = await app.make_pdf(lambda: report.summary_pdf(summaries, paper=paper))
        except report.PdfUnavailable:
            app.tell(app.tr.t("The PDF cannot be made on this device. Copy the text instead."), route)
            return
        name = f"calf-check-summary-{app.clock().date().isoformat()}.pdf"
        await app.save_file(name, pdf, app.tr.t("The summary was saved as a PDF."), route)

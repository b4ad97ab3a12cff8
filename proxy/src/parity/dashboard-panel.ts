// The parity section of the migration dashboard (its "parity" panel seam): per plan and page type, the
// share of shadow comparisons with no difference beyond learned noise, the fields that differed most, and
// the newest mismatch, so a team sees at a glance where the new side still disagrees with Magento.
import type { DashboardPanel, DashboardPanelProvider } from "../admin/dashboard/dashboard-state.ts";
import type { ParityScores } from "./parity-board.ts";

const COLUMNS = ["plan", "page type", "compared", "parity", "top differing fields", "latest mismatch"];
const TOP_FIELDS = 3;

export function createParityPanel(parity: ParityScores): DashboardPanelProvider {
  return {
    read(): DashboardPanel {
      const rows: DashboardPanel["rows"] = [];
      for (const plan of parity.scores()) {
        const latest = parity.samples(plan.plan)[0];
        for (const type of plan.pageTypes) {
          const fields = Object.entries(type.mismatchesByField).slice(0, TOP_FIELDS).map(([field, count]) => `${field} (${count})`).join(", ");
          const sample = latest !== undefined && latest.pageType === type.pageType ? `${latest.url}: ${latest.fields.join(", ")}` : null;
          rows.push([plan.plan, type.pageType, type.compared, `${(type.score * 100).toFixed(1)} %`, fields || null, sample]);
        }
      }
      return { columns: COLUMNS, rows, note: rows.length === 0 ? "no plan in stage shadow has been compared yet" : "samples: GET /parity/<plan>/samples; CLI: strangler plans parity <plan>" };
    },
  };
}

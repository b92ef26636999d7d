/** @jsxImportSource react */
/**
 * A React 19 repeat-medication board that keeps re-rendering under the extension: an auto-refresh
 * timer (18 ticks, 120 ms apart) moves every row one place per tick (keyed rows, so React moves
 * DOM nodes with insertBefore), rewrites each row's status text, rewrites the text node of one row's
 * name in place (Zopiclone ⇄ Paracetamol) and, at tick 8, swaps one row for another (unmount and
 * mount). A controlled filter box and a sort button re-render on input. The end state is the same
 * however the ticks and the typing interleave, so a run with the extension can be compared with a
 * run without it. Names are split over elements (`<strong>Sertraline</strong> 50mg tablets`).
 */
import { useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';

interface Medicine {
  readonly id: string;
  readonly name: string;
  readonly form: string;
  readonly dose: string;
}

const TICKS = 18;
const TICK_MS = 120;

const START: readonly Medicine[] = [
  { id: 'm1', name: 'Sertraline', form: '50mg tablets', dose: 'One tablet once daily' },
  { id: 'm2', name: 'Amlodipine', form: '5mg tablets', dose: 'One tablet once daily' },
  { id: 'm3', name: 'Methotrexate', form: '2.5mg tablets', dose: 'Four tablets once a week' },
  { id: 'm4', name: 'Atorvastatin', form: '20mg tablets', dose: 'One tablet at night' },
  {
    id: 'm5',
    name: 'Co-codamol',
    form: '30mg/500mg tablets',
    dose: 'Two tablets up to four times a day when required',
  },
  {
    id: 'm6',
    name: 'Levothyroxine sodium',
    form: '100microgram tablets',
    dose: 'One tablet each morning',
  },
  { id: 'm7', name: 'Varenicline', form: '1mg tablets', dose: 'One tablet twice a day' },
  {
    id: 'm8',
    name: 'Omeprazole',
    form: '20mg gastro-resistant capsules',
    dose: 'One capsule once daily',
  },
  { id: 'm9', name: 'Paracetamol', form: '500mg tablets', dose: 'Two tablets when required' },
];

const SWAPPED_IN: Medicine = {
  id: 'm10',
  name: 'Diazepam',
  form: '2mg tablets',
  dose: 'One tablet three times a day when required',
};

/** The list after `tick` ticks: rotated `tick` places, row m5 swapped at tick 8, m9's name flipping. */
function listAt(tick: number): Medicine[] {
  const rows = START.map((m) => {
    if (m.id === 'm5' && tick >= 8) return SWAPPED_IN;
    if (m.id === 'm9')
      return tick % 2 === 0
        ? { ...m, name: 'Zopiclone', form: '7.5mg tablets', dose: 'One tablet at night' }
        : m;
    return m;
  });
  const shift = tick % rows.length;
  return [...rows.slice(rows.length - shift), ...rows.slice(0, rows.length - shift)];
}

function status(id: string, tick: number): string {
  return (Number(id.slice(1)) + tick) % 3 === 0 ? 'Review due' : 'In date';
}

function App(): React.JSX.Element {
  const [tick, setTick] = useState(0);
  const [filter, setFilter] = useState('');
  const [sorted, setSorted] = useState(false);

  useEffect(() => {
    if (tick >= TICKS) return undefined;
    const timer = window.setTimeout(() => setTick((t) => t + 1), TICK_MS);
    return () => window.clearTimeout(timer);
  }, [tick]);

  const all = listAt(tick);
  const ordered = sorted ? [...all].sort((a, b) => a.name.localeCompare(b.name)) : all;
  const needle = filter.trim().toLowerCase();
  const shown = ordered.filter((m) => `${m.name} ${m.form}`.toLowerCase().includes(needle));

  return (
    <div className="board">
      <header>
        <h1>Repeat medication</h1>
        <p className="patient">LAWSON, Grace (Mrs) · NHS No. 999 000 0015</p>
        <p className="sync" role="status">
          {tick < TICKS ? `Refreshing… ${tick} of ${TICKS}` : 'Auto-refresh complete'}
        </p>
      </header>
      <div className="controls">
        <label htmlFor="filter">Filter medicines</label>
        <input
          id="filter"
          type="search"
          autoComplete="off"
          value={filter}
          onChange={(e) => setFilter(e.currentTarget.value)}
        />
        <button type="button" onClick={() => setSorted((s) => !s)} aria-pressed={sorted}>
          Sort A–Z
        </button>
        <span className="count">
          Showing {shown.length} of {all.length} medicines
        </span>
      </div>
      <table>
        <thead>
          <tr>
            <th>Medicine</th>
            <th>Dose</th>
            <th>Status</th>
          </tr>
        </thead>
        <tbody>
          {shown.map((m) => (
            <tr key={m.id} data-id={m.id}>
              <td className="medicine">
                <strong>{m.name}</strong> {m.form}
              </td>
              <td>{m.dose}</td>
              <td>{status(m.id, tick)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

const root = document.getElementById('root');
if (root) createRoot(root).render(<App />);

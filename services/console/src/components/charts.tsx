// Dependency-free SVG charts: a line for trends and horizontal bars for breakdowns.

/**
 * A trend line; `title` names it, and with every point's label and value it is the chart's text
 * for screen readers (the picture alone says nothing to them).
 */
export function LineChart({
  title,
  points,
}: {
  title: string;
  points: { label: string; value: number }[];
}) {
  const w = 560;
  const h = 160;
  const max = Math.max(1, ...points.map((p) => p.value));
  const step = points.length > 1 ? (w - 40) / (points.length - 1) : 0;
  const xy = points.map((p, i) => [20 + i * step, h - 24 - ((h - 44) * p.value) / max] as const);
  return (
    <svg
      className="chart"
      viewBox={`0 0 ${w} ${h}`}
      role="img"
      aria-label={`${title}: ${points.map((p) => `${p.label} ${p.value}`).join(', ')}`}
    >
      <polyline
        fill="none"
        stroke="#c0392b"
        strokeWidth="2"
        points={xy.map(([x, y]) => `${x},${y}`).join(' ')}
      />
      {xy.map(([x, y], i) => (
        <g key={points[i].label}>
          <circle cx={x} cy={y} r="3" fill="#c0392b" />
          <text x={x} y={h - 6} fontSize="10" textAnchor="middle">
            {points[i].label.slice(5) || points[i].label}
          </text>
          <text x={x} y={y - 6} fontSize="10" textAnchor="middle">
            {points[i].value}
          </text>
        </g>
      ))}
    </svg>
  );
}

export function Bars({ rows }: { rows: { label: string; value: number }[] }) {
  const max = Math.max(1, ...rows.map((r) => r.value));
  return (
    <div className="bars">
      {rows.map((r) => (
        <div className="bar-row" key={r.label}>
          <span className="bar-label">{r.label}</span>
          <span className="bar" style={{ width: `${(70 * r.value) / max}%` }} />
          <span className="bar-value">{r.value}</span>
        </div>
      ))}
    </div>
  );
}

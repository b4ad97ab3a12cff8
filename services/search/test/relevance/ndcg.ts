// NDCG@k with graded gains (2^grade − 1) and a log2 discount; 1 is the judged ideal order.
export function ndcgAt(ranked: string[], relevant: Record<string, number>, k = 10): number {
  const dcg = (grades: number[]) => grades.slice(0, k).reduce((sum, grade, i) => sum + (2 ** grade - 1) / Math.log2(i + 2), 0);
  const ideal = dcg(Object.values(relevant).sort((a, b) => b - a));
  return ideal === 0 ? 0 : dcg(ranked.map((sku) => relevant[sku] ?? 0)) / ideal;
}

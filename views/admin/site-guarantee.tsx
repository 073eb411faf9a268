import type { SiteGuaranteeStatus } from '@src/domain/site/status'
import { formatAmps } from '../format'

/** What the guarantee card shows: the loop's latest account of it, and the site as configured. */
export interface GuaranteeCardProps {
  guarantee: SiteGuaranteeStatus | undefined
  phases: 1 | 3
  /** The margin as configured (shown before the loop has reported). */
  marginA: number
}

const seconds = (s: number | null) => (s === null ? '—' : `${s} s`)

/**
 * What the loop guarantees about the main fuse and what that rests on: the safety margin in use, the
 * building meter's interval and worst step as this site's loop saw them over the last week, the
 * margin that would absorb that step, and the delays a reaction takes.
 */
export function GuaranteeCard(props: GuaranteeCardProps) {
  const g = props.guarantee
  return (
    <section class="card" id="site-guarantee">
      <h2>What the loop guarantees</h2>
      {g ? (
        <GuaranteeFacts g={g} phases={props.phases} />
      ) : (
        <p class="muted">The site loop has not reported yet.</p>
      )}
      <p class="guarantee-text" safe>
        {g?.text ?? `A safety margin of ${props.marginA} A is kept clear of every fuse.`}
      </p>
    </section>
  )
}

function GuaranteeFacts({ g, phases }: { g: SiteGuaranteeStatus; phases: 1 | 3 }) {
  const steps = g.worstStepA
    .slice(0, phases)
    .map((a, i) => `L${i + 1} ${formatAmps(a)}`)
    .join(' · ')
  const short = g.recommendedMarginA !== null && g.recommendedMarginA > g.marginA
  return (
    <dl class="facts">
      <dt>Safety margin in use</dt>
      <dd class="margin" safe>
        {formatAmps(g.marginA)}
      </dd>
      <dt>Building meter interval</dt>
      <dd class="meter-interval" safe>
        {g.meterIntervalS === null
          ? 'no readings yet'
          : `${seconds(g.meterIntervalS)} (longest gap ${seconds(g.longestGapS)})`}
      </dd>
      <dt>Worst step seen, 7 days</dt>
      <dd class="worst-step" safe>
        {g.meterIntervalS === null ? '—' : steps}
      </dd>
      <dt>Recommended margin</dt>
      <dd class={`recommended-margin ${short ? 'warn' : ''}`} safe>
        {g.recommendedMarginA === null
          ? '—'
          : `${formatAmps(g.recommendedMarginA)}${short ? ': larger than the margin in use' : ''}`}
      </dd>
      <dt>Reaction</dt>
      <dd class="reaction" safe>
        {`charger ${seconds(g.chargerLatencyS)} · cars ${seconds(g.evResponseS)}`}
      </dd>
      {g.meterRequest ? (
        <>
          <dt>Meter asked to report faster</dt>
          <dd class="meter-request" safe>
            {`every ${g.meterRequest.intervalS} s: ${g.meterRequest.status}`}
          </dd>
        </>
      ) : (
        ''
      )}
    </dl>
  )
}

{
	type: 'line',
	data: {
		labels: ['Day 1', 'Day 2', 'Day 3', 'Day 4', 'Day 5', 'Day 6'],
		datasets: [{
			label: 'steppedLine: before',
			steppedLine: 'before',
			data: [-42, 17, 63, 5, -80, 36],
			borderColor: 'rgb(75, 192, 192)',
			fill: false,
		}]
	},
	options: {
		responsive: true,
		title: {
			display: true,
			text: 'Step Before Interpolation',
		}
	}
}
